package dev.stackwright.spi;

import dev.stackwright.model.OsRelease;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A place where a cluster's resources are made real: the in-memory cloud, OpenStack. Implementations are thread-safe
 * and meant to be shared; the engine calls them from several threads at once.
 *
 * <p>Every resource a backend creates carries its ownership marker: the cluster's name and the resource's
 * {@link ResourceId}. {@link #observe} finds exactly the resources that carry a cluster's marker; nothing else is
 * ever changed or deleted. Keypairs and server groups, which can carry no marker, are ours by their name, which
 * {@link OwnedNames} makes unambiguous; a backend reads those names with {@link OwnedNames#keyOf}.
 *
 * <p>Calls block until the cloud has done the work: {@code create} of a server returns once it is ACTIVE (or throws
 * {@link BackendException} with reason {@code SERVER_FAILED}); {@code delete} returns once the resource is gone.
 * Failures are {@link BackendException}s. A create that may already have happened (its answer lost) is looked up by
 * its marker before it is issued again, so a retry never makes a duplicate.
 */
public interface Backend {

  /** A short name for messages: {@code memory}, {@code openstack https://keystone.example.org/v3}. */
  String name();

  Capabilities capabilities();

  /**
   * Checks, before anything is observed or made, that each image the cluster boots is the OS release it declares
   * ({@code images}: image name to release), where the cloud says what an image is; see {@link ImageReleases}.
   * Returns notes for the plan (an image that says nothing). The default, for a cloud whose images say nothing,
   * checks nothing.
   *
   * @throws dev.stackwright.StackwrightException for an image of another release, or one the cloud does not have
   */
  default List<String> checkImages(Map<String, OsRelease> images) {
    return List.of();
  }

  /**
   * The existing network named {@code name} that a cluster uses (not one it owns), as the cloud describes it: its
   * subnet's range, gateway and allocation pools, which the engine checks against the address plan before anything
   * is made. Empty when this backend cannot tell (the default); a backend that knows the network is missing throws.
   *
   * @throws dev.stackwright.StackwrightException for a network the cloud does not have
   */
  default Optional<ExistingNetwork> describeNetwork(String name) {
    return Optional.empty();
  }

  /** Everything that carries {@code cluster}'s marker, at a cost that does not grow with the cluster's size. */
  Observation observe(String cluster);

  /** The resource carrying {@code id}'s marker, if one exists; used before a create that may already have happened. */
  Optional<Observed> find(String cluster, ResourceId id);

  /** Creates {@code spec} with {@code cluster}'s marker; returns it as observed afterwards. */
  Observed create(String cluster, ResourceSpec spec, References refs);

  /**
   * Creates several resources of one kind in as few requests as the cloud allows (Neutron takes many ports in one
   * request), for kinds with a {@link Capabilities#batchSize} above one. Returns one {@link Created} per spec, in the
   * same order: each is made or failed on its own, with the same ownership marker and lost-answer care as
   * {@link #create}. The default makes them one after another.
   */
  default List<Created> createAll(String cluster, List<ResourceSpec> specs, References refs) {
    return Created.oneByOne(specs, spec -> create(cluster, spec, refs));
  }

  /**
   * Adds to new security groups, in as few requests as the cloud allows, the rules that name other groups made in the
   * same run (the engine's link steps; see {@link dev.stackwright.engine.Step}): {@code current.get(i)} is changed to
   * {@code desired.get(i)}, as by {@link #update}. Called with several groups when {@link Capabilities#batchSize} of
   * security groups is above one. Returns one {@link Created} per group, in the same order, each changed or failed on
   * its own. The default changes them one after another.
   */
  default List<Created> updateAll(String cluster, List<Observed> current, List<ResourceSpec> desired,
      References refs) {
    if (current.size() != desired.size()) {
      throw new IllegalArgumentException(current.size() + " resources to change into " + desired.size());
    }
    List<Created> out = new java.util.ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      Observed now = current.get(i);
      out.addAll(Created.oneByOne(List.of(desired.get(i)), spec -> update(cluster, now, spec, refs)));
    }
    return out;
  }

  /**
   * Changes {@code current} in place to match {@code desired}, for kinds in {@link Capabilities#updatableInPlace()}:
   * a security group's rules, a port's addresses and groups, a floating IP's port.
   */
  Observed update(String cluster, Observed current, ResourceSpec desired, References refs);

  /** Deletes one of our resources and waits until it is gone. Deleting what is already gone is not an error. */
  void delete(String cluster, Observed current);

  /**
   * Gives a running server new files and runs what they need, as {@code update} says (see {@link NodeUpdate}: all
   * or nothing, the old files back on a failure), then records {@code update.given()}'s digests and metadata with it.
   * Returns the server as observed afterwards. Only for a backend that can ({@link NodeOperation#RECONFIGURE}).
   *
   * @throws BackendException {@code UNREACHABLE} (nothing changed), {@code HOST_KEY} (a host key that is not the one
   *     the server printed at first boot: nothing sent), {@code NODE_FAILED} (a command or check failed; the node is
   *     back as it was)
   */
  default Observed reconfigure(String cluster, Observed server, NodeUpdate update) {
    throw new UnsupportedOperationException(name() + " cannot change a running server");
  }

  /**
   * Boots {@code current} again from {@code desired}'s image and user-data, keeping its id, port and addresses (Nova's
   * rebuild; a fresh boot of a container), and records {@code desired}'s digests and metadata with it. Everything on
   * its disk is lost. Returns once it is ACTIVE, as observed then. Only for a backend that can
   * ({@link NodeOperation#REBUILD}).
   */
  default Observed rebuild(String cluster, Observed current, ServerSpec desired, References refs) {
    throw new UnsupportedOperationException(name() + " cannot rebuild a server");
  }

  /**
   * What the server printed to its console, where cloud-init writes its SSH host keys at first boot: the only
   * trustworthy source of them ({@link NodeUpdate}s are sent only to a server whose key is among them). Empty when the
   * backend cannot read a console.
   */
  default Optional<String> consoleOutput(String cluster, Observed server) {
    return Optional.empty();
  }

  /**
   * What a user must know about the addresses this backend gives the cluster, shown beside its entry points (the
   * command line's outputs): a simulated cloud's lead nowhere. Empty for a cloud whose addresses are real.
   */
  default Optional<String> addressNote() {
    return Optional.empty();
  }

  /**
   * What the backend can tell of the cluster's servers beyond the cloud's view of them, a line per server, such as
   * whether their user-data ran and their services are up; empty when it can tell nothing more (a cloud sees a VM
   * from outside only). The command line prints it after an apply.
   */
  default List<String> serverReports(String cluster) {
    return List.of();
  }
}
