package dev.stackwright.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan's reconfigures and rebuilds as a person reads them: one line per node, nodes of one kind with the same reason
 * on one line ({@code worker-1..3: application demo v1.0 -> v1.1 -> redeploy, one at a time}).
 */
final class NodeLines {
  private static final Pattern NUMBERED = Pattern.compile("(.*-)(\\d+)");

  private NodeLines() {}

  static List<String> of(List<Change> changes) {
    Map<String, List<Change>> byReason = new LinkedHashMap<>();
    for (Change c : changes) {
      Matcher m = NUMBERED.matcher(c.id().key());
      String kind = m.matches() ? m.group(1) : c.id().key();
      byReason.computeIfAbsent(kind + "\n" + c.reason() + "\n" + c.destroysData(), k -> new ArrayList<>()).add(c);
    }
    List<String> lines = new ArrayList<>();
    byReason.values().forEach(same -> lines.add(line(same)));
    return lines;
  }

  private static String line(List<Change> same) {
    Change first = same.get(0);
    String names = same.size() == 1 ? first.id().key() : range(same);
    return first.action().symbol() + " " + names + ": " + first.reason() + (same.size() > 1 ? ", one at a time" : "")
        + (first.destroysData() ? "  [DESTROYS DATA]" : "");
  }

  /** {@code worker-1..3} for consecutive numbers, else {@code worker-1, worker-4}. */
  private static String range(List<Change> same) {
    List<Integer> numbers = new ArrayList<>();
    String prefix = null;
    for (Change c : same) {
      Matcher m = NUMBERED.matcher(c.id().key());
      if (!m.matches()) {
        return String.join(", ", same.stream().map(x -> x.id().key()).toList());
      }
      prefix = m.group(1);
      numbers.add(Integer.parseInt(m.group(2)));
    }
    numbers.sort(null);
    boolean consecutive = numbers.get(numbers.size() - 1) - numbers.get(0) == numbers.size() - 1;
    return consecutive ? prefix + numbers.get(0) + ".." + numbers.get(numbers.size() - 1)
        : String.join(", ", same.stream().map(x -> x.id().key()).toList());
  }
}
