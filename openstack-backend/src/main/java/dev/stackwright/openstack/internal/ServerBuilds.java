package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.engine.BackendException;
import dev.stackwright.engine.BackendException.Reason;
import java.time.Instant;
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
 * <p>A server Nova could not place ({@code No valid host was found}) is deleted and booted again, up to
 * {@link #SCHEDULING_ATTEMPTS} boots in all. Concurrent boots into one anti-affinity group meet this on a real cloud:
 * the scheduler only sees a group member's host once the member has landed, so two boots can be sent to one host and
 * the loser's retries can run out. Any other ERROR is final and reported with its fault and console log; so is a
 * server that finds no host on every attempt (a cloud that is full).
 */
final class ServerBuilds {
  /** Boots of one server, at most, while Nova finds no host for it. */
  static final int SCHEDULING_ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(ServerBuilds.class);

  /** A server to boot, with the marker that finds it again if the answer to its boot is lost. */
  record Boot(Nova.ServerSpec spec, Marker marker) {}

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
    Outcome[] out = new Outcome[boots.size()];
    List<Callable<Object>> work = new ArrayList<>();
    for (Boot b : boots) {
      work.add(() -> {
        try {
          return nova.boot(b.spec(), b.marker()).path("id").asText();
        } catch (RuntimeException e) {
          return e;
        }
      });
    }
    List<Object> booted = InParallel.run(work, parallelism, "booting servers");
    Map<Integer, Building> building = new LinkedHashMap<>();
    for (int i = 0; i < boots.size(); i++) {
      if (booted.get(i) instanceof RuntimeException e) {
        out[i] = Outcome.failed(e);
      } else {
        building.put(i, new Building(boots.get(i), (String) booted.get(i), nova.buildDeadline()));
      }
    }
    while (!building.isEmpty()) {
      Set<String> ids = new LinkedHashSet<>();
      building.values().forEach(b -> ids.add(b.id));
      Map<String, JsonNode> seen;
      try {
        seen = nova.look(cluster, ids);
      } catch (RuntimeException e) {
        building.keySet().forEach(i -> out[i] = Outcome.failed(e));
        break;
      }
      for (Integer i : List.copyOf(building.keySet())) {
        Optional<Outcome> done = next(building.get(i), seen.get(building.get(i).id));
        if (done.isPresent()) {
          out[i] = done.get();
          building.remove(i);
        }
      }
      if (!building.isEmpty()) {
        nova.pauseBetweenPolls();
      }
    }
    return List.of(out);
  }

  /** What one look says of one server: done (ACTIVE or failed), or empty to look again. */
  private Optional<Outcome> next(Building b, JsonNode server) {
    String name = b.boot.spec().name();
    String what = "server " + name;
    if (server == null) {
      return Optional.of(Outcome.failed(new BackendException(Reason.SERVER_FAILED, null, what + " (" + b.id
          + ") disappeared while it was being built; someone deleted it, or Nova gave up on it")));
    }
    String status = server.path("status").asText();
    if (status.equals("ACTIVE")) {
      return Optional.of(Outcome.active(server));
    }
    if (status.equals("ERROR")) {
      String fault = Nova.fault(server);
      if (fault.contains("No valid host") && b.boots < SCHEDULING_ATTEMPTS) {
        return bootAgain(b, fault);
      }
      String tries = b.boots > 1 ? " (boot " + b.boots + " of " + SCHEDULING_ATTEMPTS + "; each found no host)" : "";
      return Optional.of(Outcome.failed(new ServerFailedException(what, b.id, fault + tries,
          nova.consoleTail(b.id, name, 20))));
    }
    if (nova.passed(b.deadline)) {
      return Optional.of(Outcome.failed(nova.stillBuilding(b.id, name, server)));
    }
    return Optional.empty();
  }

  private Optional<Outcome> bootAgain(Building b, String fault) {
    String name = b.boot.spec().name();
    LOG.info("server {} ({}) found no host ({}); deleting it and booting it again, boot {} of {}", name, b.id, fault,
        b.boots + 1, SCHEDULING_ATTEMPTS);
    try {
      nova.deleteAndWait(b.id, name);
      b.id = nova.boot(b.boot.spec(), b.boot.marker()).path("id").asText();
      b.boots++;
      b.deadline = nova.buildDeadline();
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(Outcome.failed(e));
    }
  }
}
