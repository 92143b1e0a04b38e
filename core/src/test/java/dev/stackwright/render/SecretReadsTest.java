package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.RenderException;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.TemplateSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's templates see only the secrets it names, and a file whose render read a secret is a secret file. */
class SecretReadsTest {
  private static final String PATH = "/etc/probe/probe.conf";

  @TempDir
  Path templates;

  private RenderedFile render(String template, String... secrets) throws IOException {
    Files.writeString(templates.resolve("probe.conf.jinja"), template);
    Service probe = Service.builder("probe").addSecrets(secrets)
        .file("probe.conf.jinja", PATH, "root:root", 0644, OnChange.restart("probe"))
        .templates(TemplateSource.directory(templates)).build();
    return Topologies.renderer().render(Topologies.seedWith(probe)).file("server_all-1", PATH).orElseThrow();
  }

  @Test
  void aFileThatReadsASecretThroughAFilterIsSecret() throws IOException {
    // when
    RenderedFile file = render("key = {{ secrets.django_secret_key | upper }}\n", "django_secret_key");

    // then
    assertThat(file.secret()).isTrue();
    assertThat(file.modeOctal()).isEqualTo("0600");
  }

  @Test
  void aFileThatReadsAValueMadeFromASecretIsSecret() throws IOException {
    // when
    RenderedFile file = render("broker = {{ urls.brokers[0] | md5 }}\n");

    // then
    assertThat(file.secret()).isTrue();
    assertThat(file.modeOctal()).isEqualTo("0600");
  }

  @Test
  void aFileThatReadsOnlyPlainValuesBesideSecretsIsNotSecret() throws IOException {
    // when
    RenderedFile file = render("uuid = {{ derived.couchdb_uuid }}\nbrokers = {{ urls.brokers | length }}\n");

    // then
    assertThat(file.secret()).isFalse();
    assertThat(file.modeOctal()).isEqualTo("0644");
  }

  @Test
  void aServiceSeesNoSecretItDoesNotName() {
    // when / then
    assertThatThrownBy(() -> render("cookie = {{ secrets.couchdb_cookie }}\n", "django_secret_key"))
        .isInstanceOf(RenderException.class).hasMessageContaining("couchdb_cookie");
  }
}
