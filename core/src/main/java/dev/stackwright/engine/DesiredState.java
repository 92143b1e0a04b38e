package dev.stackwright.engine;

import dev.stackwright.model.UserDataPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a cluster needs in the cloud, derived from its model and rendered files: the resources, each server's policy
 * for changed user-data, and the servers whose user-data can only be final once every port exists (the controller's
 * DHCP leases name every port's MAC). The planner's input beside the observation.
 */
public record DesiredState(String cluster, List<ResourceSpec> resources, Map<ResourceId, UserDataPolicy> policies,
    Set<ResourceId> userDataAfterPorts, List<String> notes) {

  /** The server metadata key that lists a node's role kinds. */
  public static final String META_ROLES = "stackwright-roles";
  /** The server metadata key that names the node. */
  public static final String META_NODE = "stackwright-node";

  public DesiredState {
    Objects.requireNonNull(cluster, "cluster");
    resources = List.copyOf(resources);
    policies = Map.copyOf(policies);
    userDataAfterPorts = Set.copyOf(userDataAfterPorts);
    notes = List.copyOf(notes);
    long distinct = resources.stream().map(ResourceSpec::id).distinct().count();
    if (distinct != resources.size()) {
      throw new IllegalArgumentException("two desired resources share one id in " + resources.stream()
          .map(ResourceSpec::id).toList());
    }
  }

  /** Servers of database and broker roles hold data: deleting or replacing one loses it. */
  public static boolean holdsData(ResourceSpec spec) {
    if (!(spec instanceof ServerSpec server)) {
      return false;
    }
    List<String> roles = List.of(server.metadata().getOrDefault(META_ROLES, "").split(","));
    return roles.contains("database") || roles.contains("broker");
  }

  public UserDataPolicy policy(ResourceId server) {
    return policies.getOrDefault(server, UserDataPolicy.REPORT_DRIFT);
  }
}
