package dev.stackwright.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small JSON reader and writer of the files stackwright keeps. */
class JsonTextTest {
  @Test
  void whatItWritesItReadsBackTheSame() {
    // given
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("text", "quote \" backslash \\ line\nend tab\t bell\u0007 é");
    value.put("whole", 42L);
    value.put("negative", -7L);
    value.put("yes", true);
    value.put("nothing", null);
    value.put("list", Arrays.asList("a", 1L, false, List.of(), Map.of()));

    // when
    Object back = JsonText.parse(JsonText.write(value));

    // then
    assertThat(back).isEqualTo(value);
  }

  @Test
  void itReadsEscapesAndNumbersAsJsonHasThem() {
    // when
    Object value = JsonText.parse("{\"a\": \"\\u0041\\/\", \"b\": 1.5e2, \"c\": [ ]}");

    // then
    assertThat(value).isEqualTo(Map.of("a", "A/", "b", 150.0, "c", List.of()));
  }

  @Test
  void textThatIsNotJsonIsRefusedWithItsLineAndColumn() {
    // then
    assertThatThrownBy(() -> JsonText.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not JSON at line 3, column 7: expected ':'");
  }

  @Test
  void aTruncatedFileIsRefused() {
    // then
    assertThatThrownBy(() -> JsonText.parse("{\"a\": [1, 2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON at line 1, column 12");
  }

  @Test
  void textAfterTheValueIsRefused() {
    // then
    assertThatThrownBy(() -> JsonText.parse("{} {}")).hasMessageContaining("text after the value");
  }
}
