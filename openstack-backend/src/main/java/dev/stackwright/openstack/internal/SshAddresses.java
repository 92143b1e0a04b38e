package dev.stackwright.openstack.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.ssh.Target;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a running server's sshd is reached, from one observation of its cluster: through a jump host, the server at
 * its port's first fixed address and the jump host at its floating IP (or at the bastion the backend names); without
 * one, the server at its own floating IP. Each target reads its host keys from its own console.
 */
public final class SshAddresses {
  /** The targets of one update: the server, and the jump host when there is one. */
  public record Reach(Target target, Optional<Target> via) {}

  private final Observation seen;
  private final Function<Observed, Optional<String>> console;
  private final Optional<String> bastion;

  /** {@code bastion}: the host to reach the jump host at in place of its floating IP. */
  public SshAddresses(Observation seen, Function<Observed, Optional<String>> console, Optional<String> bastion) {
    this.seen = seen;
    this.console = console;
    this.bastion = bastion;
  }

  /** The targets for an update of {@code server} through {@code via}; UNREACHABLE when an address is missing. */
  public Reach of(Observed server, Optional<ResourceId> via) {
    if (via.isEmpty()) {
      return new Reach(target(server, floatingIp(server, server)), Optional.empty());
    }
    Observed jump = seen.get(via.get()).orElseThrow(() -> new BackendException(Reason.UNREACHABLE, server.id(),
        "cannot reach node " + name(server) + ": its jump host " + via.get() + " is not in cluster "
            + seen.cluster() + "; nothing was changed. Fix: apply the cluster's servers first"));
    String jumpAddress = bastion.orElseGet(() -> floatingIp(jump, server));
    return new Reach(target(server, fixedIp(server)), Optional.of(target(jump, jumpAddress)));
  }

  private Target target(Observed server, String address) {
    return new Target(server.id(), name(server), address, () -> console.apply(server));
  }

  /** The first fixed address of the server's port, in address order. */
  private String fixedIp(Observed server) {
    return port(server).map(p -> ((PortSpec) p.spec()).sortedFixedIps()).filter(ips -> !ips.isEmpty())
        .map(ips -> ips.get(0).toString())
        .orElseThrow(() -> missing(server, server, "its port has no fixed address", "apply the cluster again"));
  }

  /** The address of the floating IP on {@code server}'s port, for messages about {@code forWhom}. */
  private String floatingIp(Observed server, Observed forWhom) {
    ResourceId portId = spec(server).port();
    return seen.resources().stream().filter(o -> o.spec() instanceof FloatingIpSpec f && f.port().equals(portId))
        .map(o -> o.fact(Observed.Facts.ADDRESS)).flatMap(Optional::stream).findFirst()
        .orElseThrow(() -> missing(server, forWhom, "its port " + portId.key() + " has no floating IP",
            server == forWhom ? "give it a floating IP, or reach it through a jump host"
                : "give it a floating IP, or build the backend with bastion(host, port)"));
  }

  private Optional<Observed> port(Observed server) {
    return seen.get(spec(server).port()).filter(p -> p.spec() instanceof PortSpec);
  }

  private static BackendException missing(Observed server, Observed forWhom, String why, String fix) {
    String who = server == forWhom ? "node " + name(server) : "the jump host " + name(server) + " of node "
        + name(forWhom);
    return new BackendException(Reason.UNREACHABLE, forWhom.id(), "cannot reach " + who + " over SSH: " + why
        + "; nothing was changed. Fix: " + fix);
  }

  private static ServerSpec spec(Observed server) {
    if (!(server.spec() instanceof ServerSpec s)) {
      throw new IllegalArgumentException(server.id() + " is not a server");
    }
    return s;
  }

  private static String name(Observed server) {
    return server.spec() instanceof ServerSpec s ? s.name() : server.id().key();
  }
}
