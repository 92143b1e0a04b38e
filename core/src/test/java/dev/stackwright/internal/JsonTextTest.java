package dev.stackwright.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyAwkwardCharacterOfAStringReadsBackAsItWas() throws Exception {
    // given: quotes, backslashes, every control character, DEL, JavaScript's line ends, a pair and non-ASCII
    StringBuilder awkward = new StringBuilder("say \"hi\" \\ to /etc/ and é and \uD83D\uDE00 ");
    for (char c = 0; c < 0x20; c++) {
      awkward.append(c);
    }
    awkward.append('\u007f').append('\u2028').append('\u2029');

    // when
    String json = JsonText.write(Map.of("text", awkward.toString()));

    // then
    assertThat(JSON.readTree(json).get("text").asText()).isEqualTo(awkward.toString());
    assertThat(json.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
  }

  @Test
  void aLoneSurrogateIsEscapedNotWrittenAsAnInvalidCharacter() {
    // given
    String lone = "a\uD800b";

    // when
    String json = JsonText.write(List.of(lone));

    // then
    assertThat(json).contains("a\\ud800b");
  }

  @Test
  void mapsKeepTheirOrderAndEmptyValuesAreNull() throws Exception {
    // given
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("z", 1L);
    doc.put("a", Optional.empty());
    doc.put("m", OptionalInt.of(3));
    doc.put("list", Arrays.asList(true, null, "x"));
    doc.put("empty", new ArrayList<>());

    // when
    String json = JsonText.write(doc);

    // then
    JsonNode read = JSON.readTree(json);
    List<String> keys = new ArrayList<>();
    read.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("z", "a", "m", "list", "empty");
    assertThat(read.get("a").isNull()).isTrue();
    assertThat(read.get("m").asInt()).isEqualTo(3);
    assertThat(read.get("list").get(1).isNull()).isTrue();
    assertThat(json).contains("\"empty\": []");
  }

  @Test
  void aValueItCannotWriteIsRefusedNamingItsType() {
    // given: a value that is not JSON's
    Map<String, Object> doc = Map.of("d", java.time.Duration.ofSeconds(3));

    // when / then
    assertThatThrownBy(() -> JsonText.write(doc))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Duration");
  }

  @Test
  void aDeeplyNestedTextIsRefusedNotAllowedToOverflowTheStack() {
    // given
    String deep = "[".repeat(100_000);

    // when / then
    assertThatThrownBy(() -> JsonText.parse(deep)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested deeper than");
  }
}
