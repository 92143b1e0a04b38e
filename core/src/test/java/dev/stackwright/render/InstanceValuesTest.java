package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service's instance values join the map templates see as {@code instance}, for its own instances only. */
class InstanceValuesTest {
  private static Map<String, Object> instanceOf(Cluster cluster, Service service) {
    ClusterContext context = new ClusterContext(cluster, cluster.application().orElseThrow(), NetworkFacts.none(),
        BuiltInServices.all(), Topologies.secrets());
    RoleInstance first = cluster.instances(service).get(0);
    return context.instance(first);
  }

  @Test
  void anAppServersWorkersAreTheProcessesItsRoleSets() {
    // given
    Cluster cluster = Topologies.seedDsl(3, 0).build();

    // when
    Map<String, Object> appserver = instanceOf(cluster, BuiltInServices.APPSERVER);

    // then
    assertThat(appserver).containsEntry("workers", 3).doesNotContainKey("concurrency");
  }

  @Test
  void aWorkersConcurrencyIsItsNodesCoresByDefault() {
    // given
    Cluster cluster = Topologies.seed();
    RoleInstance worker = cluster.instances(BuiltInServices.WORKER).get(0);
    int vcpus = cluster.nodeOf(worker).flavor().vcpus();

    // when
    Map<String, Object> instance = instanceOf(cluster, BuiltInServices.WORKER);

    // then
    assertThat(instance).containsEntry("concurrency", vcpus).doesNotContainKey("workers");
  }

  @Test
  void aServiceWithoutInstanceValuesGetsOnlyTheGenericOnes() {
    // given
    Cluster cluster = Topologies.seed();

    // when
    Map<String, Object> controller = instanceOf(cluster, BuiltInServices.CONTROLLER);

    // then
    assertThat(controller).doesNotContainKeys("workers", "concurrency").containsKeys("name", "address", "suffix");
  }

  @Test
  void instanceValuesCannotReplaceAGenericValue() {
    // given
    Map<String, Object> instance = new LinkedHashMap<>(Map.of("address", "10.0.40.1"));

    // when / then
    assertThatThrownBy(() -> TemplateValueMerge.merge(instance, Map.of("address", "10.0.40.2"), "instance.",
        "rogue", new HashMap<>(), "instanceValues")).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("service[rogue].instanceValues").hasMessageContaining("\"instance.address\"")
        .hasMessageContaining("generic context");
  }
}
