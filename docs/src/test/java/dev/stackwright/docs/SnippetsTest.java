package dev.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every code block in the docs that says where it comes from ({@code <!-- include: path#tag -->}) must equal the
 * tagged region of that compiled source file, so a snippet cannot rot.
 */
class SnippetsTest {
  private static final Pattern INCLUDE = Pattern.compile(
      "<!-- include: (\\S+)#(\\S+) -->\\s*\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);

  @TestFactory
  Stream<DynamicTest> everyIncludedSnippetMatchesItsSource() throws IOException {
    // given
    Path docs = Path.of("").toAbsolutePath();
    Path top = docs.getParent();
    List<Path> pages = new ArrayList<>();
    try (Stream<Path> files = Files.list(docs)) {
      files.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
    }
    pages.add(top.resolve("README.md"));
    List<DynamicTest> tests = new ArrayList<>();
    for (Path page : pages) {
      String text = Files.readString(page);
      Matcher m = INCLUDE.matcher(text);
      while (m.find()) {
        String source = m.group(1);
        String tag = m.group(2);
        String quoted = m.group(3);
        tests.add(DynamicTest.dynamicTest(top.relativize(page) + " quotes " + source + "#" + tag, () -> {
          // when
          String region = region(top.resolve(source), tag);
          // then
          assertThat(quoted.strip()).isEqualTo(region.strip());
        }));
      }
    }
    assertThat(tests).as("the docs quote at least the seed example").isNotEmpty();
    return tests.stream();
  }

  /** The lines between {@code // tag::NAME[]} and {@code // end::NAME[]}, with their common indent removed. */
  static String region(Path file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("// tag::" + tag + "[]")) {
        start = i + 1;
      } else if (lines.get(i).strip().equals("// end::" + tag + "[]")) {
        end = i;
      }
    }
    assertThat(start).as("tag %s in %s", tag, file).isPositive();
    assertThat(end).as("end of tag %s in %s", tag, file).isGreaterThan(start);
    List<String> region = lines.subList(start, end);
    int indent = region.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
  }
}
