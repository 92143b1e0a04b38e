package dev.stackwright.nodes.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.ssh.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A running server's day two on the rig: its console (where cloud-init printed its host keys), the address its sshd
 * is reached at, what it was last given (recorded as a cloud records metadata), a boot again from scratch (a rebuild)
 * and a restart on the same disk (a reboot).
 */
public final class DayTwo {
  private final Rig rig;
  private final StateStore store;
  private final Servers servers;

  DayTwo(Rig rig, StateStore store, Servers servers) {
    this.rig = rig;
    this.store = store;
    this.servers = servers;
  }

  /** The container's console log: what its systemd and cloud-init printed since its last (re)build. */
  public Optional<String> console(String cluster, String cloudId) {
    Path log = store.dir(cloudId).resolve("console.log");
    if (rig.entry(cloudId).filter(e -> e.ownedBy(cluster)).isEmpty() || !Files.isRegularFile(log)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(log, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** How the SSH channel reaches {@code cloudId}: its port's first address, its console for the host keys. */
  public Target target(String cluster, String cloudId) {
    Entry server = owned(cluster, cloudId, null);
    String address = addressOf(server).orElseThrow(() -> new BackendException(Reason.UNREACHABLE, server.spec().id(),
        "has no port with an address on the rig; nothing was changed"));
    return new Target(server.spec().id(), server.spec().name(), address, () -> console(cluster, cloudId));
  }

  /** The target of the server whose marker is {@code id} (a jump host the update names). */
  public Target target(String cluster, ResourceId id, ResourceId forWhom) {
    Entry server = rig.entries().stream().filter(e -> e.ownedBy(cluster) && e.id().filter(id::equals).isPresent())
        .findFirst().orElseThrow(() -> new BackendException(Reason.UNREACHABLE, forWhom, "its jump host " + id
            + " is not on the rig; nothing was changed. Apply the cluster's servers first"));
    return target(cluster, server.cloudId());
  }

  /** Records {@code given}'s digests and metadata with the server: what observation says from now on. */
  public Observed record(String cluster, String cloudId, ServerSpec given) {
    synchronized (rig) {
      Entry now = owned(cluster, cloudId, given.id());
      Entry updated = now.with(given.withoutUserData(), now.refs());
      rig.put(updated);
      return Rig.observed(updated);
    }
  }

  /** Boots the server again from {@code desired}: same cloud id, port and addresses, a fresh disk. */
  public Observed rebuild(String cluster, Observed current, ServerSpec desired, References refs) {
    Entry e = owned(cluster, current.cloudId(), desired.id());
    if (!desired.port().equals(((ServerSpec) e.spec()).port())) {
      throw new BackendException(Reason.REFUSED, desired.id(), "a rebuild keeps the server's port ("
          + ((ServerSpec) e.spec()).port() + "), not " + desired.port() + "; replace it instead");
    }
    Set<String> refIds = rig.resolve(desired, refs);
    return servers.rebuild(e, desired, refIds);
  }

  /** Starts the server at {@code address} again on its own disk, as a reboot would. */
  public void restartAt(String address) {
    Entry server = rig.entries().stream().filter(e -> e.spec() instanceof ServerSpec)
        .filter(e -> addressOf(e).filter(address::equals).isPresent()).findFirst()
        .orElseThrow(() -> new BackendException(Reason.GONE, null, "no server on the rig is at " + address));
    servers.restart(server);
  }

  /** The first of its port's addresses, in order. */
  Optional<String> addressOf(Entry server) {
    return server.refs().stream().map(rig::entry).flatMap(Optional::stream)
        .filter(p -> p.spec() instanceof PortSpec).map(p -> ((PortSpec) p.spec()).sortedFixedIps())
        .filter(ips -> !ips.isEmpty()).map(ips -> ips.get(0).toString()).findFirst();
  }

  private Entry owned(String cluster, String cloudId, ResourceId id) {
    return rig.entry(cloudId).filter(e -> e.ownedBy(cluster) && e.spec() instanceof ServerSpec)
        .orElseThrow(() -> new BackendException(Reason.GONE, id, "server " + cloudId + " is gone from the rig;"
            + " plan again"));
  }
}
