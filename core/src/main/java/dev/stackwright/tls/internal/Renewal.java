package dev.stackwright.tls.internal;

import dev.stackwright.tls.Certificates;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Whether a kept leaf is still good for an endpoint, and if not, why: the reason kept beside its successor. */
final class Renewal {
  static final String FIRST = "first certificate";

  private Renewal() {}

  /** Empty when {@code leaf} can stay: the CA's, the endpoint's names, more than 30 days to run. */
  static Optional<String> reason(KeptLeaf leaf, List<String> names, Instant now) {
    if (!leaf.signedByCa()) {
      return Optional.of("the cluster CA changed");
    }
    Optional<String> moved = namesChanged(leaf.names(), names);
    if (moved.isPresent()) {
      return moved;
    }
    String day = leaf.notAfter().atZone(ZoneOffset.UTC).toLocalDate().toString();
    if (!leaf.notAfter().isAfter(now)) {
      return Optional.of("expired on " + day);
    }
    if (!leaf.notAfter().isAfter(now.plus(Duration.ofDays(Certificates.RENEW_WITHIN_DAYS)))) {
      return Optional.of("expires on " + day + ", within " + Certificates.RENEW_WITHIN_DAYS + " days");
    }
    return Optional.empty();
  }

  /** {@code names changed: + 10.0.10.4, - old.example.org}; empty when the sets are equal. */
  static Optional<String> namesChanged(List<String> had, List<String> want) {
    Set<String> before = new LinkedHashSet<>(had);
    Set<String> now = new LinkedHashSet<>(want);
    if (before.equals(now)) {
      return Optional.empty();
    }
    List<String> moves = new ArrayList<>();
    now.stream().filter(n -> !before.contains(n)).forEach(n -> moves.add("+ " + n));
    before.stream().filter(n -> !now.contains(n)).forEach(n -> moves.add("- " + n));
    return Optional.of("names changed: " + String.join(", ", moves));
  }
}
