package dev.stackwright.engine;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.Observed;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits for a server that an earlier run started and did not see finish (it died, or lost its connection, while the
 * server was in BUILD): polls it by its marker until it is ACTIVE. One that goes to ERROR, disappears or outlasts the
 * deadline fails the step; the next plan replaces it (a server in ERROR) or creates it again (a server gone).
 */
final class AwaitBuild {
  /** How often the server is looked at: one request per poll on a cloud. */
  static final Duration POLL = Duration.ofSeconds(1);
  /** Longer than any boot on a healthy cloud; Nova's own build timeout is off by default. */
  static final Duration DEADLINE = Duration.ofMinutes(15);

  private AwaitBuild() {}

  static Observed until(Backend backend, String cluster, Observed building, Duration poll, Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Optional<Observed> now = backend.find(cluster, building.id());
      if (now.isEmpty()) {
        throw new BackendException(BackendException.Reason.SERVER_FAILED, building.id(), "disappeared while it was"
            + " building; apply again to create it");
      }
      String status = now.get().fact(Observed.Facts.STATUS).orElse("UNKNOWN");
      if (status.equals("ACTIVE")) {
        return now.get();
      }
      if (status.equals("ERROR")) {
        throw new BackendException(BackendException.Reason.SERVER_FAILED, building.id(), "went to ERROR while it was"
            + " building" + now.get().fact(Observed.Facts.FAULT).map(f -> " (" + f + ")").orElse("")
            + "; apply again to replace it");
      }
      if (System.nanoTime() > end) {
        throw new BackendException(BackendException.Reason.SERVER_FAILED, building.id(), "still " + status + " after "
            + deadline.toMinutes() + " min of waiting; look at it with the cloud's tools, or delete it and apply"
            + " again");
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackendException(BackendException.Reason.TRANSIENT, building.id(), "interrupted while waiting for"
            + " it to finish building");
      }
    }
  }
}
