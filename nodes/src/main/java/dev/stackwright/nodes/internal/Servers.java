package dev.stackwright.nodes.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.KeypairSpec;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Servers on the rig: checked and recorded under the rig's lock, booted and stopped outside it. A server is ACTIVE
 * once its container's systemd is up; a boot that fails leaves it in ERROR with its console's tail as the fault.
 * The rig is one host: a strict anti-affinity group holds one server, as Nova's would on one hypervisor.
 */
final class Servers {
  private static final Duration GRACE = Duration.ofSeconds(30);
  private final Rig rig;
  private final StateStore store;
  private final Containers containers;
  private final Catalogue catalogue;
  /** The cloud ids of servers this instance is booting now: a BUILD not in it was left by a process that ended. */
  private final Set<String> booting = ConcurrentHashMap.newKeySet();

  Servers(Rig rig, StateStore store, Containers containers, Catalogue catalogue) {
    this.rig = rig;
    this.store = store;
    this.containers = containers;
    this.catalogue = catalogue;
  }

  Observed create(String cluster, ServerSpec s, Set<String> refIds) {
    String cloudId = UUID.randomUUID().toString();
    String machine = Names.machine(s.name(), cloudId);
    Entry building;
    Path rootfs;
    String meta;
    synchronized (rig) {
      catalogue.requireFlavor(s.id(), s.flavor());
      rootfs = catalogue.rootfs(s.id(), s.image());
      Entry port = boundPort(s, refIds);
      building = new Entry(cloudId, Optional.of(cluster), Optional.of(s.id()), s.withoutUserData(),
          Map.of(Observed.Facts.STATUS, "BUILD"), Map.of("machine", machine, "netns", port.host().get("netns"),
          Maker.KEY, Maker.current()),
          refIds);
      requireRoomInGroup(building, s);
      meta = Seed.metaData(cloudId, Names.sanitise(s.name()), publicKey(refIds));
      booting.add(cloudId);
      store.put(building);
    }
    try {
      return boot(building, s, rootfs, meta);
    } finally {
      booting.remove(cloudId);
    }
  }

  private Observed boot(Entry building, ServerSpec s, Path rootfs, String meta) {
    String machine = building.host().get("machine");
    Path dir = store.dir(building.cloudId());
    long t0 = System.nanoTime();
    long pid = 0;
    try {
      pid = containers.start(dir, rootfs, machine, building.host().get("netns"), s.userData(), meta);
      rig.put(building.withHost("pid", String.valueOf(pid)));
      String state = containers.awaitRunning(pid, machine, dir, catalogue.bootTimeout());
      synchronized (rig) {
        Entry now = store.get(building.cloudId()).orElseThrow(() -> new Containers.BootFailed(
            "it was deleted while it booted"));
        Entry active = now.withFact(Observed.Facts.STATUS, "ACTIVE").withFact("system", state)
            .withFact("boot-seconds", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        store.put(active);
        return Rig.observed(active);
      }
    } catch (Containers.BootFailed | Host.CommandFailed | UncheckedIOException e) {
      containers.stop(pid, machine, dir, Duration.ofSeconds(5));
      synchronized (rig) {
        store.get(building.cloudId()).ifPresent(now -> store.put(now.withFact(Observed.Facts.STATUS, "ERROR")
            .withFact(Observed.Facts.FAULT, e.getMessage())));
      }
      throw new BackendException(Reason.SERVER_FAILED, s.id(), "did not boot (container " + machine + "): "
          + e.getMessage());
    }
  }

  /**
   * Boots {@code e} again from scratch: its container stopped, its disk and console emptied, a new seed from
   * {@code desired} with a new instance id (so cloud-init runs again), the same cloud id, port and addresses.
   */
  Observed rebuild(Entry e, ServerSpec desired, Set<String> refIds) {
    String machine = e.host().get("machine");
    Path dir = store.dir(e.cloudId());
    Entry building;
    Path rootfs;
    String meta;
    synchronized (rig) {
      catalogue.requireFlavor(desired.id(), desired.flavor());
      rootfs = catalogue.rootfs(desired.id(), desired.image());
      building = new Entry(e.cloudId(), e.cluster(), e.id(), desired.withoutUserData(),
          Map.of(Observed.Facts.STATUS, "BUILD"), Map.of("machine", machine, "netns", e.host().get("netns"),
          Maker.KEY, Maker.current()), refIds);
      meta = Seed.metaData(e.cloudId() + "-" + UUID.randomUUID().toString().substring(0, 8),
          Names.sanitise(desired.name()), publicKey(refIds));
      booting.add(e.cloudId());
      store.put(building);
    }
    try {
      containers.stop(pid(e, dir), machine, dir, GRACE);
      containers.wipe(dir);
      return boot(building, desired, rootfs, meta);
    } finally {
      booting.remove(e.cloudId());
    }
  }

  /** Stops {@code e}'s container and starts it again on the same disk (a reboot: nspawn ends at one). */
  void restart(Entry e) {
    String machine = e.host().get("machine");
    Path dir = store.dir(e.cloudId());
    Path rootfs = catalogue.rootfs(e.spec().id(), ((ServerSpec) e.spec()).image());
    containers.stop(pid(e, dir), machine, dir, GRACE);
    long pid = containers.start(dir, rootfs, machine, e.host().get("netns"), null, null);
    synchronized (rig) {
      store.get(e.cloudId()).ifPresent(now -> store.put(now.withHost("pid", String.valueOf(pid))));
    }
  }

  void delete(Entry e) {
    Path dir = store.dir(e.cloudId());
    long pid = pid(e, dir);
    containers.stop(pid, e.host().get("machine"), dir, GRACE);
    synchronized (rig) {
      store.forget(e.cloudId());
      rig.removeDirectory(e.cloudId());
      rig.tidyWhenUnused();
    }
  }

  /** The server as the host has it: ERROR when its container is gone, or its boot was left by a process that ended. */
  Entry real(Entry e) {
    String status = e.facts().getOrDefault(Observed.Facts.STATUS, "");
    long pid = Long.parseLong(e.host().getOrDefault("pid", "0"));
    boolean alive = pid > 0 && Containers.alive(pid, e.host().get("machine"));
    if (status.equals("ACTIVE") && !alive) {
      return e.withFact(Observed.Facts.STATUS, "ERROR").withFact(Observed.Facts.FAULT, "its container stopped;"
          + " console's last lines:\n" + Containers.consoleTail(store.dir(e.cloudId())));
    }
    if (status.equals("BUILD") && !booting.contains(e.cloudId())
        && !Maker.elsewhere(e.host().get(Maker.KEY))) {
      return adopted(e);
    }
    return e;
  }

  /**
   * A boot a process that ended left in BUILD: its container kept booting without it. Up, it is ACTIVE (recorded,
   * so a kill costs no rebuild); still booting, it stays BUILD for the engine to wait on; gone, it is in ERROR.
   */
  private Entry adopted(Entry e) {
    Path dir = store.dir(e.cloudId());
    long pid = pid(e, dir);
    if (pid <= 0 || !Containers.alive(pid, e.host().get("machine"))) {
      return e.withFact(Observed.Facts.STATUS, "ERROR").withFact(Observed.Facts.FAULT, "its boot was left"
          + " unfinished by a process that ended, and its container is gone");
    }
    String state = Containers.systemState(pid);
    if (!Containers.isUp(state)) {
      return e;
    }
    Entry active = e.withHost("pid", String.valueOf(pid)).withFact(Observed.Facts.STATUS, "ACTIVE")
        .withFact("system", state).withFact("adopted", "its boot was finished after the process that began it"
            + " ended");
    store.put(active);
    return active;
  }

  /**
   * nspawn's pid: from the state, or, when a process ended between starting the container and recording it, from
   * the file the starting shell wrote, so that such a container is still stopped.
   */
  private static long pid(Entry e, Path dir) {
    String recorded = e.host().get("pid");
    try {
      return Long.parseLong(recorded != null ? recorded : java.nio.file.Files.readString(dir.resolve("nspawn.pid"))
          .strip());
    } catch (java.io.IOException | NumberFormatException ex) {
      return 0;
    }
  }

  /** The server's port, which must be a port no other server is booted on. */
  private Entry boundPort(ServerSpec s, Set<String> refIds) {
    for (String id : refIds) {
      Entry port = store.get(id).filter(p -> p.spec() instanceof PortSpec).orElse(null);
      if (port == null) {
        continue;
      }
      for (Entry other : store.all()) {
        if (other.spec() instanceof ServerSpec && other.refs().contains(id)
            && !"ERROR".equals(other.facts().get(Observed.Facts.STATUS))) {
          throw new BackendException(Reason.CONFLICT, s.id(), "port " + port.spec().name() + " is in use by server "
              + other.spec().name() + " (" + other.cloudId() + ")");
        }
      }
      return port;
    }
    throw new BackendException(Reason.DEPENDENCY, s.id(), s.port() + " is not a port on the rig");
  }

  /** One host: a strict anti-affinity group that holds a server has no room for another; recorded in ERROR. */
  private void requireRoomInGroup(Entry building, ServerSpec s) {
    for (String id : building.refs()) {
      Optional<Entry> group = store.get(id).filter(g -> g.spec() instanceof ServerGroupSpec sg
          && sg.policy().equals("anti-affinity"));
      if (group.isEmpty()) {
        continue;
      }
      long members = store.all().stream().filter(o -> o.spec() instanceof ServerSpec && o.refs().contains(id)
          && !"ERROR".equals(o.facts().get(Observed.Facts.STATUS))).count();
      if (members >= 1) {
        String fault = "No valid host was found. There are not enough hosts available (anti-affinity: " + members
            + " member on the rig's one host; use soft-anti-affinity on the rig)";
        store.put(building.withFact(Observed.Facts.STATUS, "ERROR").withFact(Observed.Facts.FAULT, fault));
        throw new BackendException(Reason.NO_HOST, s.id(), "went to ERROR: " + fault);
      }
    }
  }

  private Optional<String> publicKey(Set<String> refIds) {
    return refIds.stream().map(store::get).flatMap(Optional::stream).filter(e -> e.spec() instanceof KeypairSpec)
        .map(e -> ((KeypairSpec) e.spec()).publicKey()).findFirst();
  }
}
