package dev.stackwright.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** No name of one cluster is ever read as another's, for every pair of valid cluster names. */
class OwnedNamesTest {
  /** Valid cluster names, each a prefix of another, with '-' and '_', the longest a DNS label allows. */
  private static final List<String> CLUSTERS = List.of("p", "prod", "prod_a", "prod-a", "prod_a_b", "prod_admin",
      "prod-4", "prod4", "a1", "a-1-b", "x".repeat(62), "x".repeat(63), "x".repeat(61) + "_x");
  private static final List<String> KEYS = List.of("admin", "worker", "server_all", "a_admin", "a-worker", "4-x");

  @Test
  void aNameOfOneClusterIsNeverReadAsAnothers() {
    for (String mine : CLUSTERS) {
      for (String other : CLUSTERS) {
        for (String key : KEYS) {
          for (ResourceKind kind : List.of(ResourceKind.KEYPAIR, ResourceKind.SERVER_GROUP)) {
            // given
            String name = OwnedNames.of(other, key);

            // when
            var read = OwnedNames.keyOf(mine, kind, name, true);

            // then
            if (mine.equals(other)) {
              assertThat(read).as(mine + " reads " + name).contains(key);
              assertThat(OwnedNames.mayBeOf(mine, name)).isTrue();
            } else {
              assertThat(read).as(mine + " must not read " + other + "'s " + name).isEmpty();
            }
          }
        }
      }
    }
  }

  @Test
  void aKeypairOfTheFormerNameIsOursByItsWholeNameOnly() {
    for (String mine : CLUSTERS) {
      for (String other : CLUSTERS) {
        String former = "stackwright_" + other + "_admin";
        assertThat(OwnedNames.keyOf(mine, ResourceKind.KEYPAIR, former, false)).as(mine + " reads " + former)
            .isEqualTo(mine.equals(other) ? java.util.Optional.of("admin") : java.util.Optional.empty());
      }
    }
  }

  @Test
  void aServerGroupOfTheFormerNameIsOursOnlyWhenOneOfOurServersIsInIt() {
    // given: the former name of cluster prod_a's group, which reads as prod's group "a_worker" too
    String former = "stackwright_prod_a_worker";

    // then
    assertThat(OwnedNames.keyOf("prod", ResourceKind.SERVER_GROUP, former, false)).isEmpty();
    assertThat(OwnedNames.keyOf("prod_a", ResourceKind.SERVER_GROUP, former, false)).isEmpty();
    assertThat(OwnedNames.keyOf("prod_a", ResourceKind.SERVER_GROUP, former, true)).contains("worker");
    assertThat(OwnedNames.mayBeOf("prod_a", former)).isTrue();
  }

  @Test
  void theFormerNameOfAResourceIsTheSameResource() {
    for (String cluster : CLUSTERS) {
      for (String key : KEYS) {
        String now = OwnedNames.of(cluster, key);
        assertThat(OwnedNames.isFormerName("stackwright_" + cluster + "_" + key, now)).as(now).isTrue();
        assertThat(OwnedNames.isFormerName(now, now)).isFalse();
        for (String other : CLUSTERS) {
          if (!other.equals(cluster)) {
            assertThat(OwnedNames.isFormerName("stackwright_" + other + "_" + key, now)).as(other + " vs " + now)
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void aNameHoldsTheClusterNamesLength() {
    assertThat(OwnedNames.of("prod_a", "worker")).isEqualTo("stackwright-6-prod_a-worker");
  }
}
