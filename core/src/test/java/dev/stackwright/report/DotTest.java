package dev.stackwright.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DotTest {
  @Test
  void aQuotedStringEscapesQuotesAndBackslashesAndKeepsANewlineAsALineBreak() {
    // when
    String quoted = Dot.quoted("a \"b\" c:\\d\ne");

    // then
    assertThat(quoted).isEqualTo("\"a \\\"b\\\" c:\\\\d\\ne\"");
  }

  @Test
  void aStringEndingInABackslashCannotEscapeItsClosingQuote() {
    // when
    String quoted = Dot.quoted("tail\\");

    // then
    assertThat(quoted).isEqualTo("\"tail\\\\\"");
  }

  @Test
  void controlAndUnicodeLineBreakCharactersBecomeQuestionMarks() {
    // when
    String quoted = Dot.quoted("a\rb\u0000c\u2028d");
    String html = Dot.html("a\rb\u0007c\u2029d");

    // then
    assertThat(quoted).isEqualTo("\"a?b?c?d\"");
    assertThat(html).isEqualTo("a?b?c?d");
  }

  @Test
  void htmlTextHasNoTagQuoteOrEntityOfItsOwn() {
    // when
    String html = Dot.html("<b>R&D</b> \"it's\"");

    // then
    assertThat(html).isEqualTo("&lt;b&gt;R&amp;D&lt;/b&gt; &quot;it&#39;s&quot;");
  }
}
