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

/** The small JSON writer a plan is written with: what it writes, a JSON parser reads back as it was. */
class JsonTextTest {
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
    // given: a fraction, which no plan holds (its counts are whole)
    Map<String, Object> doc = Map.of("d", 1.5);

    // when / then
    assertThatThrownBy(() -> JsonText.write(doc))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Double");
  }
}
