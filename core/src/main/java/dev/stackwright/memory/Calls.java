package dev.stackwright.memory;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.ResourceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls the in-memory cloud answers: how many of each operation, the latency added to each, and the faults
 * injected into matching ones ({@link Fault}). Thread-safe: calls are counted and delayed outside the cloud's lock.
 */
final class Calls {
  private final Duration latency;
  private final List<FaultState> faults = new ArrayList<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  Calls(Duration latency) {
    this.latency = latency;
  }

  void inject(Fault fault) {
    synchronized (faults) {
      faults.add(new FaultState(fault, new AtomicInteger(fault.times())));
    }
  }

  int count(String operation) {
    return counts.getOrDefault(operation, new AtomicInteger()).get();
  }

  /**
   * Counts and delays one call; throws if an {@link Fault.Kind#UNAVAILABLE} fault matches, returns
   * {@link Fault.Kind#LOST_ANSWER} if that one matches (the caller does the work, then loses the answer), else null.
   */
  Fault.Kind call(String operation, ResourceId id) {
    counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    sleep(latency);
    synchronized (faults) {
      for (FaultState f : faults) {
        if (f.left().get() > 0 && f.fault().matches().test(operation, id)) {
          f.left().decrementAndGet();
          if (f.fault().kind() == Fault.Kind.UNAVAILABLE) {
            throw new BackendException(Reason.TRANSIENT, id, "the cloud is unavailable (injected 503)", 503,
                "req-injected", null);
          }
          return Fault.Kind.LOST_ANSWER;
        }
      }
    }
    return null;
  }

  /**
   * Throws, as transient, the failure of a call whose answer an injected {@link Fault.Kind#LOST_ANSWER} lost after
   * the work was done; {@code note} ends the message.
   */
  static void throwIfLost(Fault.Kind fault, ResourceId id, String note) {
    if (fault == Fault.Kind.LOST_ANSWER) {
      throw new BackendException(Reason.TRANSIENT, id, "connection reset before the answer (injected)" + note);
    }
  }

  static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException(Reason.TRANSIENT, null, "interrupted");
    }
  }

  private record FaultState(Fault fault, AtomicInteger left) {}
}
