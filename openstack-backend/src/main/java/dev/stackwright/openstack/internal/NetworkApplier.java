package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.NetworkSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.RouterSpec;
import dev.stackwright.spi.SubnetSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes, changes and deletes the network a cluster owns, for the {@link Applier}: the network, its subnet, and the
 * router with its gateway and its interface on the subnet. A network or subnet that someone else's port keeps
 * (Neutron's 409) is reported with those ports' names; they are never deleted.
 */
final class NetworkApplier {
  private final CloudClient cloud;

  NetworkApplier(CloudClient cloud) {
    this.cloud = cloud;
  }

  static boolean handles(ResourceSpec spec) {
    return spec instanceof NetworkSpec || spec instanceof SubnetSpec || spec instanceof RouterSpec;
  }

  Observed create(String cluster, ResourceSpec spec, References refs) {
    Marker marker = new Marker(cluster, spec.id().toString());
    if (spec instanceof NetworkSpec n) {
      JsonNode made = cloud.networks().createNetwork(n.name(), marker);
      cloud.lookups().rememberNetworkName(made.path("id").asText(), n.name());
      return new Observed(n.id(), made.path("id").asText(), n, Map.of());
    }
    if (spec instanceof SubnetSpec s) {
      JsonNode made = cloud.networks().createSubnet(s, refs.require(s.network()), marker);
      return new Observed(s.id(), made.path("id").asText(), s, Map.of());
    }
    if (spec instanceof RouterSpec r) {
      JsonNode made = cloud.networks().createRouter(r.name(), cloud.lookups().externalNetwork(r.externalNetwork()),
          marker);
      String id = made.path("id").asText();
      cloud.networks().addInterface(id, r.name(), refs.require(r.subnet()));
      return new Observed(r.id(), id, r, Map.of());
    }
    throw new IllegalArgumentException("cannot create " + spec.id() + " as part of a network");
  }

  /** What Neutron changes in place: a network's name, a subnet's gateway, pools and DNS, a router's gateway. */
  Observed update(Observed current, ResourceSpec desired, References refs) {
    if (desired instanceof NetworkSpec n) {
      ObjectNode body = Reply.JSON.createObjectNode().put("name", n.name());
      cloud.neutron().update("/networks/" + current.cloudId(), "network", body, "network " + n.name());
      cloud.lookups().rememberNetworkName(current.cloudId(), n.name());
    } else if (desired instanceof SubnetSpec s) {
      cloud.networks().updateSubnet(current.cloudId(), s);
    } else if (desired instanceof RouterSpec r) {
      cloud.networks().updateRouter(current.cloudId(), r.name(), cloud.lookups().externalNetwork(r.externalNetwork()));
      cloud.networks().addInterface(current.cloudId(), r.name(), refs.require(r.subnet()));
    } else {
      throw new IllegalArgumentException("cannot change " + desired.id() + " as part of a network");
    }
    return new Observed(desired.id(), current.cloudId(), desired, current.facts());
  }

  void delete(String cluster, Observed current) {
    String name = current.spec().name();
    switch (current.id().kind()) {
      case ROUTER -> cloud.networks().deleteRouter(current.cloudId(), name);
      case SUBNET -> keptByForeignPorts(cluster, current, () -> cloud.networks().deleteSubnet(current.cloudId(), name),
          Request.get(Service.NETWORK, "/ports").with("fixed_ips", "subnet_id=" + current.cloudId()));
      case NETWORK -> keptByForeignPorts(cluster, current, () -> cloud.networks().deleteNetwork(current.cloudId(),
          name), Request.get(Service.NETWORK, "/ports").with("network_id", current.cloudId()));
      default -> throw new IllegalArgumentException("cannot delete " + current.id() + " as part of a network");
    }
  }

  /**
   * Runs a delete; when Neutron refuses it as in use (409), lists the ports that hold it and names those that are
   * not the cluster's, so the person who must deal with them knows which.
   */
  private void keptByForeignPorts(String cluster, Observed current, Runnable delete, Request holders) {
    try {
      delete.run();
    } catch (CloudFailure e) {
      if (e.status() != 409) {
        throw e;
      }
      List<JsonNode> ports = cloud.http().list(holders, "ports", "the ports on " + current.id());
      List<JsonNode> foreign = NeutronNetworks.foreignPorts(ports, cluster, Set.of());
      if (foreign.isEmpty()) {
        throw e;
      }
      String kind = current.id().kind().id();
      throw new BackendException(BackendException.Reason.CONFLICT, current.id(), kind + " " + current.spec().name()
          + " (" + current.cloudId() + ") of cluster " + cluster + " is still used by port" + (foreign.size() == 1
              ? " " : "s ") + foreign.stream().map(NetworkValues::portName).collect(Collectors.joining(", "))
          + ", not the cluster's; stackwright never deletes what it did not make. Fix: delete or move "
          + (foreign.size() == 1 ? "it" : "them") + " (openstack port delete " + foreign.stream()
              .map(p -> p.path("id").asText()).collect(Collectors.joining(" ")) + "), then destroy again",
          e.status(), e.requestId().orElse(null), e);
    }
  }
}
