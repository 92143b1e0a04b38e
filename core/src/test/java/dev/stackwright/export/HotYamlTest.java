package dev.stackwright.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every string reads back from the YAML unchanged, whichever form it was written in. */
class HotYamlTest {
  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(strings = {"yes", "no", "on", "null", "~", "0123", "1e3", "2021-04-16", "", " leading", "trailing ",
      "a: b", "# not a comment", "- not an item", "quote \" and backslash \\", "tab\there", "cr\r\nlf",
      "unicode é ü \u2028 line separator \u0085 next line", "emoji \uD83D\uDE00", "bom \uFEFF",
      "nul \u0000 bell \u0007",
      "{flow}", "[list]", "*alias &anchor !tag %directive @at `tick`"})
  void aScalarReadsBackUnchanged(String value) {
    // given
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("value", value);
    tree.put("list", List.of(value, Map.of("inner", value)));

    // when
    Map<String, Object> read = HeatTemplateTest.parse(HotYaml.write(tree));

    // then
    assertThat(read.get("value")).isEqualTo(value);
    assertThat(read.get("list")).isEqualTo(List.of(value, Map.of("inner", value)));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(strings = {"#cloud-config\nhostname: a\n", "no final break\nsecond", "two final\n\n",
      "three final\n\n\n", "\n\nleading empty lines\n", "inner\n\n  indented\n\tand tabbed\n", "  starts indented\nx\n",
      "a line ending blank \nx\n", "   \n", "\n", "key: value\n- item\n# hash\n...\n---\n"})
  void aMultiLineTextReadsBackUnchangedInWhicheverFormItTakes(String text) {
    // given
    Map<String, Object> tree = Map.of("resources", Map.of("server", Map.of("user_data", text)));

    // when
    Map<String, Object> read = HeatTemplateTest.parse(HotYaml.write(tree));

    // then
    assertThat(read).isEqualTo(tree);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(strings = {"#cloud-config\nhostname: a\n", "no final break\nsecond", "three final\n\n\n"})
  void cloudInitLikeTextIsALiteralBlock(String text) {
    // when
    String yaml = HotYaml.write(Map.of("user_data", text));

    // then
    assertThat(yaml).startsWith("user_data: |");
  }

  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(strings = {"  starts indented\nx\n", "a line ending blank \nx\n", "tab\tinside\n", "é\n"})
  void aTextALiteralBlockWouldChangeIsQuoted(String text) {
    // when
    String yaml = HotYaml.write(Map.of("user_data", text));

    // then
    assertThat(yaml).startsWith("user_data: \"");
  }

  @ParameterizedTest(name = "{index}: {0}")
  @ValueSource(strings = {"port_web-1", "yes", "with space", "a:b", "1abc"})
  void aKeyReadsBackUnchanged(String key) {
    // when
    Map<String, Object> read = HeatTemplateTest.parse(HotYaml.write(Map.of(key, List.of())));

    // then
    assertThat(read).containsOnlyKeys(key);
  }
}
