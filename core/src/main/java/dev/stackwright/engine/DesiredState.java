package dev.stackwright.engine;

import dev.stackwright.model.Service;
import dev.stackwright.model.UserDataPolicy;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a cluster needs in the cloud, derived from its model and rendered files: the resources, each server's policy
 * for changed user-data, and the servers whose user-data can only be final once every port exists (the controller's
 * DHCP leases name every port's MAC), and the services known to hold no data. The planner's input beside the
 * observation.
 */
record DesiredState(String cluster, List<ResourceSpec> resources, Map<ResourceId, UserDataPolicy> policies,
    Set<ResourceId> userDataAfterPorts, List<String> notes, Set<String> servicesWithoutData,
    Map<ResourceId, NodeIntent> nodes) {

  /** Stackwright's own services that hold no data: what a plan knows without a model (a destroy). */
  static final Set<String> BUILT_INS_WITHOUT_DATA = BuiltInServices.all().stream().filter(s -> !s.holdsData())
      .map(Service::name).collect(Collectors.toUnmodifiableSet());

  /** The server metadata key that lists a node's role kinds. */
  public static final String META_ROLES = "stackwright-roles";
  /** The server metadata key that names the node. */
  public static final String META_NODE = "stackwright-node";
  /** The server metadata key of what only a new boot gives a node: its services and users (a digest). */
  public static final String META_BASE = "stackwright-base";
  /** The server metadata key of the packages a node installs (a digest). */
  public static final String META_PACKAGES = "stackwright-packages";
  /** The server metadata key of the application version a node runs: {@code demo v1.0}. */
  public static final String META_APP = "stackwright-app";

  public DesiredState {
    Objects.requireNonNull(cluster, "cluster");
    resources = List.copyOf(resources);
    policies = Map.copyOf(policies);
    userDataAfterPorts = Set.copyOf(userDataAfterPorts);
    notes = List.copyOf(notes);
    servicesWithoutData = Set.copyOf(servicesWithoutData);
    nodes = Map.copyOf(nodes);
    long distinct = resources.stream().map(ResourceSpec::id).distinct().count();
    if (distinct != resources.size()) {
      throw new IllegalArgumentException("two desired resources share one id in " + resources.stream()
          .map(ResourceSpec::id).toList());
    }
  }

  /** A state whose servers' nodes are not known: a destroy's, a hand-made test's. */
  DesiredState(String cluster, List<ResourceSpec> resources, Map<ResourceId, UserDataPolicy> policies,
      Set<ResourceId> userDataAfterPorts, List<String> notes, Set<String> servicesWithoutData) {
    this(cluster, resources, policies, userDataAfterPorts, notes, servicesWithoutData, Map.of());
  }

  /** The same state with more notes in front. */
  DesiredState noted(List<String> more) {
    List<String> all = new java.util.ArrayList<>(more);
    all.addAll(notes);
    return new DesiredState(cluster, resources, policies, userDataAfterPorts, all, servicesWithoutData, nodes);
  }

  /**
   * A server holds data (deleting or replacing it loses some) when a service its metadata names holds data, or is
   * one this state does not know: a service gone from the model may still run on an observed server, and the safe
   * side is to say so.
   */
  public boolean holdsData(ResourceSpec spec) {
    if (!(spec instanceof ServerSpec server)) {
      return false;
    }
    return Arrays.stream(server.metadata().getOrDefault(META_ROLES, "").split(",")).map(String::strip)
        .filter(name -> !name.isEmpty()).anyMatch(name -> !servicesWithoutData.contains(name));
  }

  public UserDataPolicy policy(ResourceId server) {
    return policies.getOrDefault(server, UserDataPolicy.RECONFIGURE);
  }
}
