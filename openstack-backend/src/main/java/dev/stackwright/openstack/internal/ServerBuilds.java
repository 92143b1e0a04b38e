package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots servers and waits for them together. The boots leave from up to {@code parallelism} threads; then one look
 * a poll interval ({@link Nova#look}: one list request, whatever the number) covers every server still building, so
 * 33 servers are in Nova's hands at once rather than in waves of as many as there are threads, and waiting costs
 * the cloud one request a poll instead of one per server.
 *
 * <p>The members of a strict anti-affinity group are paced: each is booted once the one before has been placed (it
 * has left the {@code scheduling} task state, so its host counts for the group), because Nova's scheduler only sees
 * a member's host once the member has landed, and boots sent at once can be put on one host. That costs a scheduling
 * pass per member, not a whole build.
 *
 * <p>A server Nova could not place anyway ({@code No valid host was found}, an anti-affinity violation caught on the
 * host, or the reschedules exhausted) is deleted and booted again, up to {@link #SCHEDULING_ATTEMPTS} boots in all:
 * a race lost to a server outside our batch (a dead run's, still building) is won on the next boot. Any other ERROR
 * is final and reported with its fault and console log; so is a server that finds no place on every boot (a cloud
 * that is full).
 *
 * <p>A server whose network Nova failed to allocate while a twin of it exists (a server of the same name and marker:
 * a dead run's boot that reached Nova after this run looked, or a send of this run's that went unanswered, on the same
 * port) lost a race that breaks both: Nova gives the port to neither. The twin and the server are deleted and the
 * server is booted again on the freed port. A server that becomes ACTIVE is checked for a twin too, in the list of
 * the look that saw it ACTIVE, or one look by name and marker when it was read alone: Nova may have given the port to
 * ours and failed the twin, whose failure can take the port with it ({@link #settleTwins}).
 */
final class ServerBuilds {
  /** Boots of one server, at most, while Nova finds no host for it. */
  static final int SCHEDULING_ATTEMPTS = 3;
  /** Looks more at a server in ERROR whose fault is not written yet, before it is reported without one. */
  private static final int FAULT_LOOKS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ServerBuilds.class);

  /** Faults of a server Nova could not place, as Zed words them: a new boot may find a place. */
  private static final List<String> PLACEMENT_FAULTS = List.of("No valid host was found",
      "Anti-affinity instance group policy was violated", "Exceeded maximum number of retries");
  /** Zed's fault for a server whose pre-made port another server was bound to while it was being built. */
  private static final String NETWORK_FAULT = "Failed to allocate the network(s)";

  /**
   * A server to boot, with the marker that finds it again if the answer to its boot is lost, and the strict
   * anti-affinity group whose members are booted one at a time, if any.
   */
  record Boot(Nova.ServerSpec spec, Marker marker, Optional<String> pacedGroup) {
    Boot(Nova.ServerSpec spec, Marker marker) {
      this(spec, marker, Optional.empty());
    }
  }

  /** A server that became ACTIVE, as listed then, or why it did not. */
  record Outcome(Optional<JsonNode> server, Optional<RuntimeException> failure) {
    static Outcome active(JsonNode server) {
      return new Outcome(Optional.of(server), Optional.empty());
    }

    static Outcome failed(RuntimeException e) {
      return new Outcome(Optional.empty(), Optional.of(e));
    }
  }

  /** A server being built: its current id, how many boots it has had, and when it must be ACTIVE. */
  private static final class Building {
    final Boot boot;
    String id;
    int boots = 1;
    /** Looks that found it in ERROR before Nova had written its fault. */
    int errorsWithoutFault;
    Instant deadline;

    Building(Boot boot, String id, Instant deadline) {
      this.boot = boot;
      this.id = id;
      this.deadline = deadline;
    }
  }

  private final Nova nova;
  private final int parallelism;

  ServerBuilds(Nova nova, int parallelism) {
    this.nova = nova;
    this.parallelism = parallelism;
  }

  /** Boots every server and waits until each is ACTIVE or has failed; one outcome per boot, in order. */
  List<Outcome> build(String cluster, List<Boot> boots) {
    Batch batch = new Batch(boots);
    batch.bootFirst();
    while (true) {
      Look look = look(cluster, batch);
      batch.settle(look);
      batch.bootNextPaced(look.seen());
      boolean waiting = batch.paced.values().stream().anyMatch(q -> !q.isEmpty());
      if (batch.building.isEmpty() && !waiting) {
        return List.of(batch.out);
      }
      if (!batch.building.isEmpty()) {
        nova.pauseBetweenPolls();
      }
    }
  }

  /** One look at the servers being built: each by id, and the listing it came in when more than one was looked at. */
  private record Look(Map<String, JsonNode> seen, Optional<List<JsonNode>> listing) {}

  /** One list of every server still building; a failed look fails them all. */
  private Look look(String cluster, Batch batch) {
    Map<String, JsonNode> seen = new LinkedHashMap<>();
    List<JsonNode> listing = List.of();
    boolean listed = batch.building.size() > 1;
    if (!batch.building.isEmpty()) {
      Set<String> ids = new LinkedHashSet<>();
      batch.building.values().forEach(b -> ids.add(b.id));
      try {
        listing = nova.look(cluster, ids);
        listing.forEach(s -> seen.put(s.path("id").asText(), s));
      } catch (RuntimeException e) {
        batch.building.keySet().forEach(i -> batch.out[i] = Outcome.failed(e));
        batch.building.clear();
      }
    }
    return new Look(seen, listed ? Optional.of(listing) : Optional.empty());
  }

  /** The boots of one {@link #build}: their outcomes so far, those building, and the paced ones still to go. */
  private final class Batch {
    final List<Boot> boots;
    final Outcome[] out;
    final Map<Integer, Building> building = new LinkedHashMap<>();
    /** Per paced group, the members still to boot, in order; a group's first member goes with the others. */
    final Map<String, ArrayDeque<Integer>> paced = new LinkedHashMap<>();
    /** Per paced group, its member booted last (-1 before the first is booted). */
    final Map<String, Integer> lastOfGroup = new LinkedHashMap<>();
    final List<Integer> first = new ArrayList<>();

    Batch(List<Boot> boots) {
      this.boots = boots;
      this.out = new Outcome[boots.size()];
      for (int i = 0; i < boots.size(); i++) {
        Optional<String> group = boots.get(i).pacedGroup();
        if (group.isPresent() && lastOfGroup.containsKey(group.get())) {
          paced.computeIfAbsent(group.get(), g -> new ArrayDeque<>()).add(i);
        } else {
          first.add(i);
        }
        group.ifPresent(g -> lastOfGroup.putIfAbsent(g, -1));
      }
    }

    /** Boots every server not held back by pacing, from up to {@code parallelism} threads. */
    void bootFirst() {
      List<Callable<Object>> work = new ArrayList<>();
      for (int i : first) {
        work.add(() -> {
          try {
            return boot(boots.get(i));
          } catch (RuntimeException e) {
            return e;
          }
        });
      }
      List<Object> booted = InParallel.run(work, parallelism, "booting servers");
      for (int k = 0; k < first.size(); k++) {
        int i = first.get(k);
        boots.get(i).pacedGroup().ifPresent(g -> lastOfGroup.put(g, i));
        if (booted.get(k) instanceof RuntimeException e) {
          out[i] = Outcome.failed(e);
        } else {
          building.put(i, new Building(boots.get(i), (String) booted.get(k), nova.buildDeadline()));
        }
      }
    }

    /** Each server building takes its next step from what the look saw of it; those done leave. */
    void settle(Look look) {
      for (Integer i : List.copyOf(building.keySet())) {
        Building b = building.get(i);
        Optional<Outcome> done = next(b, look.seen().get(b.id), look.listing());
        if (done.isPresent()) {
          out[i] = done.get();
          building.remove(i);
        }
      }
    }

    /** Boots the next member of each paced group whose last member is placed or done. */
    void bootNextPaced(Map<String, JsonNode> seen) {
      for (Map.Entry<String, ArrayDeque<Integer>> group : paced.entrySet()) {
        int last = lastOfGroup.get(group.getKey());
        if (!group.getValue().isEmpty() && (out[last] != null || placed(seen.get(building.get(last).id)))) {
          int i = group.getValue().poll();
          lastOfGroup.put(group.getKey(), i);
          try {
            building.put(i, new Building(boots.get(i), boot(boots.get(i)), nova.buildDeadline()));
          } catch (RuntimeException e) {
            out[i] = Outcome.failed(e);
          }
        }
      }
    }
  }

  /** Boots one server; its id. */
  private String boot(Boot b) {
    return nova.boot(b.spec(), b.marker()).path("id").asText();
  }

  /** Whether a server has a host: it has left the scheduler (a task past {@code scheduling}, or no longer BUILD). */
  private static boolean placed(JsonNode server) {
    if (server == null) {
      return false;
    }
    JsonNode task = server.path("OS-EXT-STS:task_state");
    return !"BUILD".equals(server.path("status").asText())
        || (task.isTextual() && !task.asText().equals("scheduling"));
  }

  /**
   * What one look says of one server ({@code listing}: the cluster's servers, when it was seen in a list rather than
   * read alone): done (ACTIVE or failed), or empty to look again.
   */
  private Optional<Outcome> next(Building b, JsonNode server, Optional<List<JsonNode>> listing) {
    String name = b.boot.spec().name();
    String what = "server " + name;
    if (server == null) {
      return Optional.of(Outcome.failed(new BackendException(Reason.SERVER_FAILED, null, what + " (" + b.id
          + ") disappeared while it was being built; someone deleted it, or Nova gave up on it")));
    }
    String status = server.path("status").asText();
    if (status.equals("ACTIVE")) {
      try {
        List<String> twins = listing.isPresent() ? twinsIn(listing.get(), b) : twinsOf(b);
        return twins.isEmpty() ? Optional.of(Outcome.active(server)) : settleTwins(b, server, twins);
      } catch (RuntimeException e) {
        return Optional.of(Outcome.failed(e));
      }
    }
    if (status.equals("ERROR")) {
      if (listing.isPresent() && server.path("fault").isMissingNode()) {
        // Nova's list leaves out the fault of a server no hypervisor took (No valid host: it lives in cell0)
        server = nova.server(b.id, what).orElse(server);
      }
      // Nova sets ERROR and records the fault in two writes: a look in between sees no fault; look again
      if (server.path("fault").isMissingNode() && b.errorsWithoutFault++ < FAULT_LOOKS) {
        return Optional.empty();
      }
      String fault = Nova.fault(server);
      boolean placement = placementFault(fault);
      if (placement && b.boots < SCHEDULING_ATTEMPTS) {
        return bootAgain(b, "found no place (" + fault + ")");
      }
      if (fault.contains(NETWORK_FAULT) && b.boots < SCHEDULING_ATTEMPTS) {
        try {
          if (deletedTwins(b)) {
            return bootAgain(b, "lost its port to a twin (" + fault + ")");
          }
        } catch (RuntimeException e) {
          return Optional.of(Outcome.failed(e));
        }
      }
      String tries = b.boots > 1 ? " (boot " + b.boots + " of " + SCHEDULING_ATTEMPTS
          + (placement ? "; each found no place" : "") + ")" : "";
      return Optional.of(Outcome.failed(new ServerFailedException(what, b.id, fault + tries,
          nova.consoleTail(b.id, name, 20))));
    }
    if (nova.passed(b.deadline)) {
      return Optional.of(Outcome.failed(nova.stillBuilding(b.id, name, server)));
    }
    return Optional.empty();
  }

  /** The other servers of the same name and marker as the one being built: one look. */
  private List<String> twinsOf(Building b) {
    return twinsIn(nova.withMarker(b.boot.spec().name(), b.boot.marker()), b);
  }

  /** Whether a server's fault says that Nova found no host for it. */
  static boolean placementFault(String fault) {
    return PLACEMENT_FAULTS.stream().anyMatch(fault::contains);
  }

  /** The servers of a list that are twins of the one being built: its name and marker, another id. */
  private static List<String> twinsIn(List<JsonNode> servers, Building b) {
    return servers.stream().filter(s -> Nova.carries(s, b.boot.spec().name(), b.boot.marker()))
        .map(s -> s.path("id").asText()).filter(id -> !id.equals(b.id)).toList();
  }

  /**
   * Deletes the twins of a server that lost its port to one; false when it has none (its network failed for another
   * reason, reported as it is).
   */
  private boolean deletedTwins(Building b) {
    String name = b.boot.spec().name();
    List<String> twins = twinsOf(b);
    if (twins.isEmpty()) {
      return false;
    }
    LOG.info("server {} ({}) lost its port to {} of the same name and marker, booted by an earlier request (a dead"
        + " run's, or a send of this run's that went unanswered); deleting {}", name, b.id, twins,
        twins.size() == 1 ? "it" : "them");
    twins.forEach(twin -> nova.deleteAndWait(twin, name));
    return true;
  }

  /**
   * A server ACTIVE with twins on the same port (a dead run's boot, or a send of this run's that went unanswered):
   * a twin that fails once the port is ours takes the port with it (Nova unbinds a failed build's ports), and one
   * that failed before may already have. Each twin is waited for until it has settled, then deleted; a server left
   * without its port is booted again. Its caller turns a failed request into the server's failure.
   */
  private Optional<Outcome> settleTwins(Building b, JsonNode server, List<String> twins) {
    String name = b.boot.spec().name();
    String them = twins.size() == 1 ? "it" : "them";
    LOG.info("server {} ({}) is ACTIVE and has {} of the same name and marker, booted by an earlier request (a dead"
        + " run's, or a send of this run's that went unanswered); waiting for {} to settle, then deleting {}", name,
        b.id, twins, them, them);
    for (String twin : twins) {
      awaitSettled(twin, name, b.deadline);
      nova.deleteAndWait(twin, name);
    }
    if (nova.attachedPorts(b.id, "server " + name).containsAll(b.boot.spec().portIds())) {
      return Optional.of(Outcome.active(server));
    }
    if (b.boots >= SCHEDULING_ATTEMPTS) {
      return Optional.of(Outcome.failed(new BackendException(Reason.SERVER_FAILED, null, "server " + name + " ("
          + b.id + ") lost its port to a twin of the same name and marker, after " + b.boots + " boots")));
    }
    return bootAgain(b, "lost its port to a twin of the same name and marker");
  }

  /** Waits until a twin has left BUILD (or is gone), at most until {@code deadline}. */
  private void awaitSettled(String twin, String name, Instant deadline) {
    while (nova.server(twin, "server " + name).filter(t -> "BUILD".equals(t.path("status").asText())).isPresent()
        && !nova.passed(deadline)) {
      nova.pauseBetweenPolls();
    }
  }

  private Optional<Outcome> bootAgain(Building b, String why) {
    String name = b.boot.spec().name();
    LOG.info("server {} ({}) {}; deleting it and booting it again, boot {} of {}", name, b.id, why,
        b.boots + 1, SCHEDULING_ATTEMPTS);
    try {
      nova.deleteAndWait(b.id, name);
      b.id = boot(b.boot);
      b.boots++;
      b.deadline = nova.buildDeadline();
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(Outcome.failed(e));
    }
  }
}
