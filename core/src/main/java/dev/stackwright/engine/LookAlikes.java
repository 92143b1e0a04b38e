package dev.stackwright.engine;

import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts out of an observation what is the cluster's only by name and shows it is not: keypairs and server groups
 * carry no marker, so a look-alike made by a person or another tool could otherwise be replaced or deleted.
 * A look-alike is not the cluster's when
 * <ul>
 *   <li>a server group holds a server that is not the cluster's ({@link Observed.Facts#FOREIGN_MEMBERS});</li>
 *   <li>a server group holds none of the cluster's servers and has another policy than the one wanted;</li>
 *   <li>a keypair has another public key than the one wanted, and no server of the cluster's was booted with it
 *       (one that was is the cluster's own: a changed key replaces it, as the user asked).</li>
 * </ul>
 */
record LookAlikes(Observation ours, List<Conflict> conflicts) {

  static LookAlikes of(DesiredState desired, Observation observed) {
    Map<ResourceId, ResourceSpec> wanted = new HashMap<>();
    desired.resources().forEach(r -> wanted.put(r.id(), r));
    List<Observed> all = new ArrayList<>(observed.resources());
    all.addAll(observed.duplicates());
    List<Observed> kept = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    for (Observed o : all) {
      String why = notOurs(o, wanted.get(o.id()), all);
      if (why == null) {
        kept.add(o);
      } else {
        conflicts.add(new Conflict(o.id(), o.cloudId(), o.spec().name(), why, fix(o)));
      }
    }
    return new LookAlikes(conflicts.isEmpty() ? observed : Observation.of(observed.cluster(), kept),
        List.copyOf(conflicts));
  }

  /** Why {@code o} is not the cluster's, or null when nothing shows that. */
  private static String notOurs(Observed o, ResourceSpec want, List<Observed> all) {
    if (o.spec() instanceof ServerGroupSpec group) {
      int foreign = count(o, Observed.Facts.FOREIGN_MEMBERS);
      if (foreign > 0) {
        return "it holds " + foreign + " server" + (foreign == 1 ? "" : "s") + " that " + (foreign == 1 ? "is" : "are")
            + " not the cluster's";
      }
      if (want instanceof ServerGroupSpec w && count(o, Observed.Facts.USED_BY) == 0
          && !w.policy().equals(group.policy())) {
        return "it holds none of the cluster's servers and its policy is " + group.policy() + ", not "
            + w.policy();
      }
    }
    if (o.spec() instanceof KeypairSpec key && want instanceof KeypairSpec w && !w.publicKey().equals(key.publicKey())
        && all.stream().noneMatch(s -> s.spec() instanceof ServerSpec server
            && server.keypair().filter(o.id()::equals).isPresent())) {
      return "its public key is not the one given, and none of the cluster's servers was booted with it";
    }
    return null;
  }

  private static String fix(Observed o) {
    boolean keypair = o.id().kind() == ResourceKind.KEYPAIR; // a keypair is known by its name, a group by its id
    return "if it is yours to remove, delete it (openstack " + (keypair ? "keypair delete " + o.spec().name()
        : "server group delete " + o.cloudId())
        + ") and apply again; otherwise rename " + (keypair ? "the cluster"
            : "the host kind " + o.id().key() + " or the cluster") + " so that its names are free";
  }

  private static int count(Observed o, String fact) {
    return o.fact(fact).map(Integer::parseInt).orElse(0);
  }
}
