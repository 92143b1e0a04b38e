package dev.stackwright.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWordsTest {
  @Test
  void spacesSeparateAndQuotesGroupWithoutBeingKept() {
    // when
    List<String> words = CommandWords.split("redis-server  '{file:/etc/redis/a b.conf}' --save \"\" x\"y z\"");

    // then
    assertThat(words).containsExactly("redis-server", "{file:/etc/redis/a b.conf}", "--save", "", "xy z");
  }
}
