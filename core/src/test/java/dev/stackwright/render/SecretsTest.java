package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stackwright.RenderException;
import dev.stackwright.StackwrightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  @Test
  void noToStringShowsASecret() {
    // given
    RenderedCluster r = Topologies.renderer().render(Topologies.seed());

    // when
    StringBuilder printed = new StringBuilder(r.toString());
    r.allFiles().forEach(f -> printed.append(f).append('\n'));
    r.nodes().forEach(n -> printed.append(r.userDataFile(n)).append('\n'));
    printed.append(Secret.of("S3cretADMINPASSWORDx")).append(SecretSource.of(Topologies.secrets()));

    // then
    Topologies.secrets().values().forEach(s -> assertThat(printed).doesNotContain(s));
    assertThat(printed).doesNotContain("{SSHA}").contains("secret", "Secret[****]");
  }

  @Test
  void aMissingSecretNamesItsVariableAndEveryOtherMissingOne() {
    // given
    Map<SecretName, String> some = new LinkedHashMap<>(Topologies.secrets());
    some.remove(SecretName.COUCHDB_COOKIE);
    some.remove(SecretName.DJANGO_SECRET_KEY);
    Renderer renderer = Renderer.builder().secrets(SecretSource.of(some)).build();

    // when
    Throwable thrown = catchThrowable(() -> renderer.render(Topologies.seed()));

    // then
    assertThat(thrown).isInstanceOf(StackwrightException.class).hasMessageContaining("(2 problems)")
        .hasMessageContaining("couchdb_cookie is not set; fix: set STACKWRIGHT_SECRET_COUCHDB_COOKIE")
        .hasMessageContaining("django_secret_key is not set");
    some.values().forEach(s -> assertThat(thrown.getMessage()).doesNotContain(s));
  }

  @Test
  void anUnfitSecretIsRefusedWithoutShowingIt() {
    // given
    Map<SecretName, String> secrets = new LinkedHashMap<>(Topologies.secrets());
    secrets.put(SecretName.RABBITMQ_PASSWORD, "pass\"word;with{brace}\nnewline");
    Renderer renderer = Renderer.builder().secrets(SecretSource.of(secrets)).build();

    // when
    Throwable thrown = catchThrowable(() -> renderer.render(Topologies.seed()));

    // then
    assertThat(thrown).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("rabbitmq_password is unfit for the configs it goes into")
        .hasMessageNotContaining("pass\"word").hasMessageNotContaining("brace");
  }

  @Test
  void aTemplateErrorNeverQuotesASecret(@TempDir Path templates) throws IOException {
    // given
    Files.createDirectories(templates.resolve("nginx"));
    Files.writeString(templates.resolve("nginx/htpasswd.jinja"), "{{ secrets.admin_password.nope }}\n");
    Renderer renderer = Renderer.builder().secrets(SecretSource.of(Topologies.secrets()))
        .templateDirectory(templates).build();

    // when
    Throwable thrown = catchThrowable(() -> renderer.render(Topologies.seed()));

    // then
    assertThat(thrown).isInstanceOf(RenderException.class).hasMessageContaining("nginx/htpasswd.jinja");
    Topologies.secrets().values().forEach(s -> assertThat(thrown.getMessage()).doesNotContain(s));
  }

  @Test
  void generatedSecretsAreKeptInA0600FileAndStayTheSameAcrossRuns(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("state/secrets.properties");

    // when
    Secret first = SecretSource.generatedIn(file).find(SecretName.DJANGO_SECRET_KEY).orElseThrow();
    Secret again = SecretSource.generatedIn(file).find(SecretName.DJANGO_SECRET_KEY).orElseThrow();

    // then
    assertThat(again).isEqualTo(first);
    assertThat(first.reveal()).hasSize(50).matches("[A-Za-z0-9]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void rendersWithGeneratedSecretsAreRepeatable(@TempDir Path dir) {
    // given
    Path file = dir.resolve("secrets.properties");

    // when
    RenderedCluster first = Renderer.builder().secrets(SecretSource.generatedIn(file)).build()
        .render(Topologies.seed());
    RenderedCluster second = Renderer.builder().secrets(SecretSource.generatedIn(file)).build()
        .render(Topologies.seed());

    // then
    assertThat(second.userDataSha256("server_all-1")).isEqualTo(first.userDataSha256("server_all-1"));
  }

  @Test
  void aWiderSecretsFileIsNarrowedTo0600(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("secrets.properties");
    Files.writeString(file, "couchdb_cookie=AAAAAAAAAAAAAAAAAAAA\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    // when
    Secret cookie = SecretSource.generatedIn(file).find(SecretName.COUCHDB_COOKIE).orElseThrow();

    // then
    assertThat(cookie.reveal()).isEqualTo("AAAAAAAAAAAAAAAAAAAA");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void theEnvironmentComesFirstThenTheFile(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("secrets.properties");
    Files.writeString(file, "admin_password=fromTheFile123\nrabbitmq_password=fromTheFile456\n");
    SecretSource source = SecretSource.environment(Map.of("STACKWRIGHT_SECRET_ADMIN_PASSWORD", "fromTheEnv1234"))
        .orElse(SecretSource.propertiesFile(file));

    // when / then
    assertThat(source.find(SecretName.ADMIN_PASSWORD).orElseThrow().reveal()).isEqualTo("fromTheEnv1234");
    assertThat(source.find(SecretName.RABBITMQ_PASSWORD).orElseThrow().reveal()).isEqualTo("fromTheFile456");
    assertThat(source.find(SecretName.COUCHDB_COOKIE)).isEmpty();
  }

  @Test
  void aSecretIsNeverEmpty() {
    assertThatThrownBy(() -> Secret.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
