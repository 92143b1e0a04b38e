package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.OwnedNames;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The part of the backend contract about what is a cluster's by name alone (keypairs and server groups), run
 * against both backends like the rest of {@link BackendContract}: no cluster reads another's names as its own, the
 * names of before 2026-12 are recognised only where the cloud shows them to be the cluster's, and a group holding
 * another's server says so.
 */
public abstract class OwnershipContract extends ServerContract {
  private final List<Runnable> undo = Collections.synchronizedList(new ArrayList<>());

  @org.junit.jupiter.api.AfterEach
  void undoOthers() {
    List<Runnable> reverse = new ArrayList<>(undo);
    Collections.reverse(reverse);
    for (Runnable r : reverse) {
      try {
        r.run();
      } catch (RuntimeException e) {
        // gone already; the next one still runs
      }
    }
  }

  /** Made for {@code cluster} (not this test's), and deleted after the test. */
  private Observed createFor(String cluster, ResourceSpec spec, References refs) {
    Observed o = backend().create(cluster, spec, refs);
    undo.add(() -> backend().delete(cluster, o));
    return o;
  }

  private static KeypairSpec keypair(String name) {
    return new KeypairSpec(ResourceId.of(ResourceKind.KEYPAIR, OwnedNames.KEYPAIR_KEY), name, PUBLIC_KEY);
  }

  private static ServerGroupSpec group(String key, String name) {
    return new ServerGroupSpec(ResourceId.of(ResourceKind.SERVER_GROUP, key), name, "soft-anti-affinity");
  }

  @Test
  void theNamesOfAClusterWhoseNameExtendsOursAreNeverOurs() {
    for (String other : List.of(cluster() + "_a", cluster() + "-a")) {
      // given
      KeypairSpec key = keypair(OwnedNames.of(other, OwnedNames.KEYPAIR_KEY));
      ServerGroupSpec workers = group("a_worker", OwnedNames.of(other, "a_worker"));
      createFor(other, key, id -> Optional.empty());
      createFor(other, workers, id -> Optional.empty());

      // when
      Observation ours = backend().observe(cluster());
      Observation theirs = backend().observe(other);

      // then
      assertThat(ours.size()).as(ours.toString()).isZero();
      assertThat(theirs.get(key.id())).get().extracting(Observed::spec).isEqualTo(key);
      assertThat(theirs.get(workers.id())).get().extracting(Observed::spec).isEqualTo(workers);
    }
  }

  @Test
  void namesOfBefore2026AreOursByTheWholeKeypairNameOrByAServerOfOursInTheGroup() {
    // given
    KeypairSpec key = keypair("stackwright_" + cluster() + "_admin");
    ServerGroupSpec held = group("worker", "stackwright_" + cluster() + "_worker");
    ServerGroupSpec empty = group("empty", "stackwright_" + cluster() + "_empty");
    create(key);
    create(held);
    Observed lonely = createFor(cluster(), empty, id -> Optional.empty());
    Observed p = create(port("fw", Set.of(), 37));
    create(server("fw", "hpc", "debian-12", p.id(), Optional.of(key.id()), Optional.of(held.id())));

    // when
    Observation seen = backend().observe(cluster());

    // then
    assertThat(seen.get(key.id())).get().extracting(Observed::spec).isEqualTo(key);
    assertThat(seen.get(held.id())).get().satisfies(o -> {
      assertThat(o.spec()).isEqualTo(held);
      assertThat(o.fact(Observed.Facts.USED_BY)).contains("1");
    });
    assertThat(seen.get(empty.id())).as("an empty group of the name before may be a longer cluster's").isEmpty();
    assertThat(seen.resources()).extracting(Observed::cloudId).doesNotContain(lonely.cloudId());
  }

  @Test
  void aServerGroupOfOurNameHoldingAnotherClustersServerSaysSo() {
    // given
    String other = cluster() + "-b";
    Observed workers = create(group("worker", OwnedNames.of(cluster(), "worker")));
    PortSpec theirPort = port("theirs", Set.of(), 38);
    Observed p = createFor(other, theirPort, id -> Optional.empty());
    ServerSpec theirs = server("theirs", "hpc", "debian-12", theirPort.id(), Optional.empty(),
        Optional.of(workers.id()));
    createFor(other, theirs, id -> Optional.of(id.equals(theirPort.id()) ? p.cloudId() : workers.cloudId()));

    // when
    Observed seen = backend().observe(cluster()).get(workers.id()).orElseThrow();

    // then
    assertThat(seen.fact(Observed.Facts.FOREIGN_MEMBERS)).contains("1");
    assertThat(seen.fact(Observed.Facts.USED_BY)).contains("0");
  }
}
