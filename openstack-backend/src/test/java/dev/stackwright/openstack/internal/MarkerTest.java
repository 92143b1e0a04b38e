package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkerTest {
  private final Marker marker = new Marker("seed", "security-group/web");

  @Test
  void aDescriptionCarriesTheMarkerAndAPersonsTextAfterIt() {
    // when
    String d = marker.description("stackwright: Webservers of cluster seed");

    // then
    assertThat(d).isEqualTo("stackwright cluster=seed id=security-group/web | stackwright: Webservers of cluster seed");
    assertThat(Marker.fromDescription(d)).contains(marker);
    assertThat(Marker.textOf(d)).isEqualTo("stackwright: Webservers of cluster seed");
  }

  @Test
  void aDescriptionWithTheMarkerOnlyHasNoText() {
    assertThat(Marker.fromDescription(marker.description())).contains(marker);
    assertThat(Marker.textOf(marker.description())).isEmpty();
    assertThat(marker.description("  ")).isEqualTo(marker.description());
  }

  @Test
  void aDescriptionWithoutAMarkerIsAllText() {
    assertThat(Marker.fromDescription("made by hand")).isEmpty();
    assertThat(Marker.textOf("made by hand")).isEqualTo("made by hand");
  }

  @Test
  void aLongTextIsCutToNeutronsLimit() {
    String d = marker.description("x".repeat(400));
    assertThat(d).hasSize(255);
    assertThat(Marker.fromDescription(d)).contains(marker);
  }
}
