package dev.stackwright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** IPv4 parsing and arithmetic at their edges, and names. */
class AddressesTest {
  @Test
  void portNamesAreTheSameWhateverTheDefaultLocale() {
    // given a JVM whose default locale writes numbers in Thai digits, as a user's may
    java.util.Locale before = java.util.Locale.getDefault();
    List<String> names;
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("th-TH-u-nu-thai"));
      assertThat(String.format("%02d", 1)).as("the locale really changes digits").isNotEqualTo("01");
      // when
      names = dev.stackwright.engine.Topologies.seed("locale").nodes().stream().map(Node::portName).toList();
    } finally {
      java.util.Locale.setDefault(before);
    }
    // then
    assertThat(names).contains("port.10.01_webserver-1", "port.100.03_worker-3");
  }

  @Test
  void addressesParseOnlyFourOctetsInRange() {
    assertThat(Ipv4Address.tryParse("10.0.10.3")).map(Object::toString).contains("10.0.10.3");
    for (String bad : List.of("10.0.10", "10.0.10.256", "10.0.10.-1", "10.0.10.3.4", "ten.0.0.1", "", " 10.0.0.1",
        "010.0.0.1x")) {
      assertThat(Ipv4Address.tryParse(bad)).as(bad).isEmpty();
    }
    assertThatThrownBy(() -> Ipv4Address.parse("10.0.0.300")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.0.0.300");
    assertThat(Ipv4Address.parse("10.0.0.9")).isLessThan(Ipv4Address.parse("10.0.0.10"));
  }

  @Test
  void networksNeedZeroHostBitsAndKnowWhatTheyContain() {
    Ipv4Network n = Ipv4Network.parse("10.0.0.0/16");
    assertThat(n.contains(Ipv4Address.parse("10.0.255.255"))).isTrue();
    assertThat(n.contains(Ipv4Address.parse("10.1.0.0"))).isFalse();
    assertThat(Ipv4Network.tryParse("10.0.0.1/16")).isEmpty();
    assertThat(Ipv4Network.tryParse("10.0.0.0/33")).isEmpty();
    assertThat(Ipv4Network.tryParse("10.0.0.0")).isEmpty();
    assertThat(Ipv4Network.tryParseBlock("10.0.100")).map(Object::toString).contains("10.0.100.0/24");
    assertThat(Ipv4Network.tryParseBlock("10.0.100.0")).isEmpty();
    assertThat(Ipv4Network.blockOf(Ipv4Address.parse("10.0.12.7")).toString()).isEqualTo("10.0.12.0/24");
    assertThat(Ipv4Network.parse("10.0.254.0/24").overlaps(n)).isTrue();
    assertThat(Ipv4Network.parse("10.1.0.0/24").overlaps(n)).isFalse();
    assertThat(Ipv4Network.parse("0.0.0.0/0").contains(Ipv4Address.parse("255.255.255.255"))).isTrue();
  }

  @Test
  void hostNamesTurnUnderscoresIntoDashes() {
    assertThat(Names.hostname("server_all-1")).isEqualTo("server-all-1");
  }
}
