package dev.stackwright;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the known name closest to a misspelt one, for "did you mean" hints in error messages. API because backends
 * (the OpenStack and nodes ones, and a user's) name the nearest flavor, image or cloud the way core names the
 * nearest role: one rule for what counts as a plausible typo.
 */
public final class Closest {
  private Closest() {}

  /** The candidate nearest to {@code wanted} by edit distance, if one is near enough to be a plausible typo. */
  public static Optional<String> to(String wanted, Collection<String> candidates) {
    if (wanted == null) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c == null) {
        continue;
      }
      int d = distance(wanted.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int tolerance = Math.max(2, wanted.length() / 3);
    return bestDistance <= tolerance ? Optional.ofNullable(best) : Optional.empty();
  }

  /** The candidate nearest to {@code wanted} by edit distance, however far: for "nearest mismatch" messages. */
  public static Optional<String> nearest(String wanted, Collection<String> candidates) {
    if (wanted == null) {
      return Optional.empty();
    }
    return candidates.stream().filter(Objects::nonNull).min(Comparator.comparingInt(c -> distance(wanted, c)));
  }

  /** ", did you mean "x"?" or nothing, ready to append to a message. */
  public static String hint(String wanted, Collection<String> candidates) {
    return to(wanted, candidates).map(c -> "; did you mean \"" + c + "\"?").orElse("");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
