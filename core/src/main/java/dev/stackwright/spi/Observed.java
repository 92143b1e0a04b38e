package dev.stackwright.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One of our resources as the cloud has it: its logical id (from its ownership marker), the cloud's id for it, what
 * it is (in the same shape as the desired spec, references to our resources given back as ids), and facts only the
 * cloud knows, under the keys in {@link Facts}.
 */
public record Observed(ResourceId id, String cloudId, ResourceSpec spec, Map<String, String> facts) {
  public Observed {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(cloudId, "cloudId");
    Objects.requireNonNull(spec, "spec");
    facts = Map.copyOf(facts);
    if (!spec.id().equals(id)) {
      throw new IllegalArgumentException("observed " + id + " with the spec of " + spec.id());
    }
  }

  public Optional<String> fact(String key) {
    return Optional.ofNullable(facts.get(key));
  }

  /** The keys of {@link #facts()} the engine reads. */
  public static final class Facts {
    /** A port's MAC address, for the controller's DHCP leases. */
    public static final String MAC = "mac";
    /** A server's status as the cloud names it: BUILD, ACTIVE, ERROR... */
    public static final String STATUS = "status";
    /** A server's fault message when it is in ERROR. */
    public static final String FAULT = "fault";
    /** A floating IP's public address. */
    public static final String ADDRESS = "address";
    /** The project's resource a floating IP or port is bound to, as the cloud names it. */
    public static final String DEVICE = "device";
    /**
     * How many of the cluster's resources use this one (a server group's members, a security group's ports): of
     * duplicates, the plan keeps the most used, so deleting the others never takes a group from what is in it.
     */
    public static final String USED_BY = "used-by";
    /**
     * How many servers in a server group are not the cluster's own: a group that bears the cluster's name but holds
     * another's server is not the cluster's, and is never replaced or deleted.
     */
    public static final String FOREIGN_MEMBERS = "foreign-members";
    /**
     * The ports on an owned network that are not the cluster's (someone else's, on its subnet), each as
     * {@code name (cloud id)}, joined by {@code ", "}; absent or empty when there are none. Such a port stops the
     * network's deletion: the plan keeps the network, its subnet and router, and never deletes the port.
     */
    public static final String FOREIGN_PORTS = "foreign-ports";

    /** The value of {@link #FOREIGN_PORTS} for these ports, by name and cloud id, in the order given. */
    public static String foreignPorts(java.util.List<java.util.Map.Entry<String, String>> namesAndCloudIds) {
      return String.join(", ", namesAndCloudIds.stream().map(p -> p.getKey() + " (" + p.getValue() + ")").toList());
    }

    private Facts() {}
  }
}
