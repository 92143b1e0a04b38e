package dev.stackwright.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NamesTest {
  private static final String CLOUD_ID = "8e2d01c4-5b7a-4f3e-9d2a-1c0b9a8f7e6d";

  @Test
  void aMachineNameHasNoUnderscoreAndEndsWithItsCloudId() {
    // given the seed's node name, which nspawn refuses as it is
    String name = "server_all-1";

    // when
    String machine = Names.machine(name, CLOUD_ID);

    // then
    assertThat(machine).isEqualTo("server-all-1-8e2d01").doesNotContain("_");
  }

  @Test
  void aLongNameIsCutToAReadablePartWithoutATrailingDash() {
    // when
    String s = Names.sanitise("contract-3ac4c36f-a-very-long-node-name-indeed");

    // then
    assertThat(s).hasSizeLessThanOrEqualTo(Names.READABLE).doesNotEndWith("-").startsWith("contract-3ac4c36f-a");
  }

  @Test
  void aNameOfNothingButPunctuationBecomesNode() {
    assertThat(Names.sanitise("__")).isEqualTo("node");
  }

  @Test
  void twoStateRootsNeverShareANamespaceAndOneRootAlwaysGivesTheSame() {
    // given
    Names a = new Names(Path.of("/tmp/one"));
    Names b = new Names(Path.of("/tmp/two"));

    // then
    assertThat(a.bridgeNamespace()).isNotEqualTo(b.bridgeNamespace()).matches("sw-[0-9a-f]{6}");
    assertThat(new Names(Path.of("/tmp/one/../one")).bridgeNamespace()).isEqualTo(a.bridgeNamespace());
    assertThat(a.portNamespace("web_server-1", CLOUD_ID)).isEqualTo(a.tag() + "-web-server-1-8e2d01");
  }

  @Test
  void aVethNameFitsLinuxsFifteenCharacters() {
    assertThat(Names.veth(CLOUD_ID)).hasSizeLessThanOrEqualTo(15).isEqualTo("v-8e2d01c4");
  }
}
