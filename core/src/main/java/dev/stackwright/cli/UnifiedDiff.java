package dev.stackwright.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, as {@code diff -u} writes it: {@code ---}/{@code +++} headers, then
 * hunks with 3 lines of context. The lines in common are a longest common subsequence, found after the common head
 * and tail are set aside (a config file's change is usually a few lines in the middle); what remains is bounded
 * ({@link #MAX_CELLS}), and a pair of files past it gets a summary instead of a diff.
 */
final class UnifiedDiff {
  /** The most cells the common-subsequence table may have: 4 million ints, 16 MB, a second at most. */
  static final long MAX_CELLS = 4_000_000L;
  private static final int CONTEXT = 3;

  /** One line of a diff: ' ' kept, '-' removed, '+' added; its text with its line end, if it has one. */
  private record Line(char op, String text) {}

  private final List<Line> script;
  private final int added;
  private final int removed;

  private UnifiedDiff(List<Line> script) {
    this.script = script;
    this.added = (int) script.stream().filter(l -> l.op == '+').count();
    this.removed = (int) script.stream().filter(l -> l.op == '-').count();
  }

  /** The diff from {@code before} to {@code after}; empty when the difference is too large to compute here. */
  static java.util.Optional<UnifiedDiff> of(String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<String> midA = a.subList(head, a.size() - tail);
    List<String> midB = b.subList(head, b.size() - tail);
    if ((long) (midA.size() + 1) * (midB.size() + 1) > MAX_CELLS) {
      return java.util.Optional.empty();
    }
    List<Line> script = new ArrayList<>();
    a.subList(0, head).forEach(l -> script.add(new Line(' ', l)));
    script.addAll(middle(midA, midB));
    a.subList(a.size() - tail, a.size()).forEach(l -> script.add(new Line(' ', l)));
    return java.util.Optional.of(new UnifiedDiff(script));
  }

  /** The lines of a text, each with its {@code \n}; a last line without one stays without. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  /** The edit script of two line lists by their longest common subsequence; removals before additions. */
  private static List<Line> middle(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Line> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        out.add(new Line(' ', a.get(i++)));
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add(new Line('-', a.get(i++)));
      } else {
        out.add(new Line('+', b.get(j++)));
      }
    }
    return out;
  }

  int added() {
    return added;
  }

  int removed() {
    return removed;
  }

  /** The diff under {@code ---}/{@code +++} headers naming {@code from} and {@code to}; empty for equal texts. */
  String text(String from, String to) {
    if (added == 0 && removed == 0) {
      return "";
    }
    StringBuilder s = new StringBuilder("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
    int k = 0;
    while (k < script.size()) {
      if (script.get(k).op == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = hunkEnd(k);
      hunk(s, start, end);
      k = end;
    }
    return s.toString();
  }

  /** Where the hunk holding the change at {@code k} ends: 3 lines after its last change closer than 7 to the next. */
  private int hunkEnd(int k) {
    int lastChange = k;
    for (int i = k; i < script.size(); i++) {
      if (script.get(i).op != ' ') {
        lastChange = i;
      } else if (i - lastChange > 2 * CONTEXT) {
        break;
      }
    }
    return Math.min(script.size(), lastChange + CONTEXT + 1);
  }

  private void hunk(StringBuilder s, int start, int end) {
    int oldLine = 1;
    int newLine = 1;
    for (int i = 0; i < start; i++) {
      oldLine += script.get(i).op != '+' ? 1 : 0;
      newLine += script.get(i).op != '-' ? 1 : 0;
    }
    int oldCount = 0;
    int newCount = 0;
    for (int i = start; i < end; i++) {
      oldCount += script.get(i).op != '+' ? 1 : 0;
      newCount += script.get(i).op != '-' ? 1 : 0;
    }
    s.append("@@ -").append(range(oldLine, oldCount)).append(" +").append(range(newLine, newCount)).append(" @@\n");
    for (int i = start; i < end; i++) {
      Line l = script.get(i);
      s.append(l.op).append(l.text);
      if (!l.text.endsWith("\n")) {
        s.append("\n\\ No newline at end of file\n");
      }
    }
  }

  /** {@code 3,4}; {@code 3} for one line; {@code 2,0} (the line before) for none, as diff -u writes them. */
  private static String range(int first, int count) {
    if (count == 0) {
      return (first - 1) + ",0";
    }
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }
}
