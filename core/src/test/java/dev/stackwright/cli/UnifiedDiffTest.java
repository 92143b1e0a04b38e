package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The diff plan --diff prints: as diff -u writes it, and a patch that turns the old text into the new one. */
class UnifiedDiffTest {
  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

  @Test
  void twoChangesFarApartMakeTwoHunksWithThreeLinesOfContextAsDiffUWritesThem() {
    // given: b changed, and n added without a line end (the expected text is what GNU diff -u prints)
    String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
    String after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn";

    // when
    String text = UnifiedDiff.of(before, after).orElseThrow().text("a/x", "b/x");

    // then
    assertThat(text).isEqualTo("--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -11,3 +11,4 @@\n k\n l\n"
        + " m\n+n\n\\ No newline at end of file\n");
  }

  @Test
  void changesSixLinesApartShareOneHunk() {
    // given
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n";
    String after = "1x\n2\n3\n4\n5\n6\n7\n8x\n";

    // when
    String text = UnifiedDiff.of(before, after).orElseThrow().text("a", "b");

    // then
    assertThat(text).containsOnlyOnce("@@ -").startsWith("--- a\n+++ b\n@@ -1,8 +1,8 @@\n");
  }

  @Test
  void changesSevenLinesApartMakeTwoHunksAsDiffUDoes() {
    // given
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String after = "1x\n2\n3\n4\n5\n6\n7\n8\n9x\n";

    // when
    String text = UnifiedDiff.of(before, after).orElseThrow().text("a", "b");

    // then
    assertThat(text).contains("@@ -1,4 +1,4 @@\n").contains("@@ -6,4 +6,4 @@\n");
  }

  @Test
  void aNewFileIsOneHunkOfAddedLines() {
    // when
    UnifiedDiff diff = UnifiedDiff.of("", "x\ny\n").orElseThrow();

    // then
    assertThat(diff.text("/dev/null", "b/f")).isEqualTo("--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n");
    assertThat(diff.added()).isEqualTo(2);
    assertThat(diff.removed()).isZero();
  }

  @Test
  void randomEditsPatchTheOldTextIntoTheNewOne() {
    // given
    Random random = new Random(17);
    for (int round = 0; round < 300; round++) {
      List<String> old = new ArrayList<>();
      for (int i = random.nextInt(40); i > 0; i--) {
        old.add("line " + random.nextInt(12) + "\n");
      }
      List<String> edited = new ArrayList<>(old);
      for (int e = random.nextInt(6); e > 0; e--) {
        int at = edited.isEmpty() ? 0 : random.nextInt(edited.size());
        switch (random.nextInt(3)) {
          case 0 -> edited.add(at, "new " + random.nextInt(5) + "\n");
          case 1 -> { if (!edited.isEmpty()) { edited.remove(at); } }
          default -> { if (!edited.isEmpty()) { edited.set(at, "changed\n"); } }
        }
      }
      String before = String.join("", old);
      String after = String.join("", edited);

      // when
      UnifiedDiff diff = UnifiedDiff.of(before, after).orElseThrow();

      // then
      assertThat(patch(before, diff.text("a", "b"))).as("round %d:\n%s", round, diff.text("a", "b"))
          .isEqualTo(after);
    }
  }

  @Test
  void aDifferenceTooLargeToComputeIsRefusedRatherThanTried() {
    // given: 3000 lines each side with nothing in common
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      a.append("a").append(i).append('\n');
      b.append("b").append(i).append('\n');
    }

    // when / then
    assertThat(UnifiedDiff.of(a.toString(), b.toString())).isEmpty();
  }

  /** Applies a unified diff of whole lines (each ending with a line end) to {@code text}. */
  private static String patch(String text, String diff) {
    if (diff.isEmpty()) {
      return text;
    }
    List<String> lines = UnifiedDiff.lines(text);
    List<String> out = new ArrayList<>();
    int next = 0;
    List<String> d = UnifiedDiff.lines(diff);
    for (int k = 2; k < d.size(); k++) {
      Matcher m = HUNK.matcher(d.get(k));
      if (m.find()) {
        int start = Integer.parseInt(m.group(1)) - (m.group(2) != null && m.group(2).equals("0") ? 0 : 1);
        while (next < start) {
          out.add(lines.get(next++));
        }
        continue;
      }
      char op = d.get(k).charAt(0);
      String body = d.get(k).substring(1);
      if (op == ' ' || op == '-') {
        assertThat(lines.get(next)).isEqualTo(body);
        next++;
      }
      if (op == ' ' || op == '+') {
        out.add(body);
      }
    }
    while (next < lines.size()) {
      out.add(lines.get(next++));
    }
    return String.join("", out);
  }
}
