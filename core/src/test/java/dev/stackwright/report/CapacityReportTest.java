package dev.stackwright.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import org.junit.jupiter.api.Test;

/** The capacity overview's totals on a cluster at the limits validation allows. */
class CapacityReportTest {

  @Test
  void totalsOfAValidClusterAtTheLimitsDoNotWrap() {
    // given 254 workers of the largest flavour a flavour may have: 254 x 16 TiB is more MB than an int holds
    var dsl = Topologies.seedDsl("big");
    dsl.flavor("largest").vcpus(1024).ramGb(16 * 1024);
    dsl.role("worker").count(254).flavor("largest").subnet("10.0.100");
    Cluster cluster = dsl.build();

    // when
    CapacityReport report = CapacityReport.of(cluster);

    // then
    long workerRam = 254L * 16 * 1024 * 1024;
    assertThat(report.rows()).filteredOn(r -> r.host().equals("worker")).singleElement()
        .satisfies(r -> assertThat(r.ramMb()).isEqualTo(workerRam));
    assertThat(report.totalRamMb()).isEqualTo((1 + 2 + 4) * 1024 + workerRam);
    assertThat(workerRam).isGreaterThan(Integer.MAX_VALUE);
    assertThat(report.totalVcpus()).isEqualTo(1 + 2 + 4 + 254L * 1024);
    assertThat(report.toString()).doesNotContainPattern("-\\d").contains(workerRam / 1024 + " GB");
  }
}
