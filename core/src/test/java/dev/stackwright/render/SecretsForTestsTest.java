package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.fixtures.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** SecretSource.forTests(): the same values on every run, as long as generated ones, and nothing written. */
class SecretsForTestsTest {
  @Test
  void everySecretHasTheSameValueOnEveryCall() {
    // when
    String first = SecretSource.forTests().find(SecretName.DJANGO_SECRET_KEY).orElseThrow().reveal();
    String again = SecretSource.forTests().find(SecretName.DJANGO_SECRET_KEY).orElseThrow().reveal();

    // then
    assertThat(again).isEqualTo(first);
    assertThat(first).hasSize(SecretName.DJANGO_SECRET_KEY.generatedLength()).matches("[0-9a-f]+");
  }

  @Test
  void aServicesOwnSecretIsFoundAtItsLengthAndDiffersFromTheOthers() {
    // when
    String redis = SecretSource.forTests().find(SecretName.of("redis_password", 40)).orElseThrow().reveal();
    String admin = SecretSource.forTests().find(SecretName.ADMIN_PASSWORD).orElseThrow().reveal();

    // then
    assertThat(redis).hasSize(40).isNotEqualTo(admin.substring(0, 24));
  }

  @Test
  void renderingTheSeedTwiceGivesTheSameFilesAndWritesNoSecretsFile() {
    // given
    Path usual = Path.of(".stackwright", "secrets.properties");
    boolean before = Files.exists(usual);
    Renderer renderer = Renderer.builder().secrets(SecretSource.forTests()).build();

    // when
    RenderedCluster one = renderer.render(Seed.named("ft").build());
    RenderedCluster two = Renderer.builder().secrets(SecretSource.forTests()).build().render(Seed.named("ft").build());

    // then
    assertThat(two.userDataSha256("server_all-1")).isEqualTo(one.userDataSha256("server_all-1"));
    assertThat(Files.exists(usual)).isEqualTo(before);
  }
}
