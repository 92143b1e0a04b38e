package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.model.TemplateSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret of a service's own: Redis's password, generated, given, rendered into its file and its app setting. */
class OwnSecretsTest {
  private static final SecretName REDIS_PASSWORD = SecretName.of("redis_password", 32);
  private static final String PASSWORD = "redisPassword0123456789";

  private static Service redis() {
    return Service.builder("redis").packages("redis-server").addUsers("redis")
        .port(ServicePort.tcp("redis", 6379))
        .openTo("appserver", "redis", "the app caches in Redis")
        .secret("redis_password", 32)
        .secretFile("redis/redis-auth.conf.jinja", "/etc/redis/redis{suffix}.conf", "redis:redis",
            OnChange.restart("redis-server"))
        .appSetting("CACHE_URL", "redis://:{secret:redis_password}@{address}:{port:redis}/0")
        .templates(TemplateSource.classPath(OwnSecretsTest.class.getClassLoader(), "services"))
        .build();
  }

  private static Renderer rendererWithPassword() {
    Map<SecretName, String> secrets = new LinkedHashMap<>(Topologies.secrets());
    secrets.put(REDIS_PASSWORD, PASSWORD);
    return Renderer.builder().secrets(SecretSource.of(secrets)).build();
  }

  @Test
  void aGeneratedOwnSecretHasItsDeclaredLengthAndIsKeptWithTheOthers(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("secrets.properties");
    SecretSource.generatedIn(file).find(SecretName.ADMIN_PASSWORD).orElseThrow();

    // when
    Secret password = SecretSource.generatedIn(file).find(REDIS_PASSWORD).orElseThrow();

    // then
    assertThat(password.reveal()).hasSize(32).matches("[A-Za-z0-9]+");
    assertThat(Files.readString(file)).contains("redis_password=" + password.reveal()).contains("admin_password=");
  }

  @Test
  void anOwnSecretIsReadFromItsEnvironmentVariable() {
    // given
    SecretSource source = SecretSource.environment(Map.of("STACKWRIGHT_SECRET_REDIS_PASSWORD", PASSWORD));

    // when / then
    assertThat(source.find(REDIS_PASSWORD).orElseThrow().reveal()).isEqualTo(PASSWORD);
  }

  @Test
  void aKeyThatIsNoKeyIsRefusedWithTheRule() {
    assertThatThrownBy(() -> SecretName.of("Redis-Password", 32)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Redis-Password").hasMessageContaining("a lower-case letter, then lower-case letters");
  }

  @Test
  void aBuiltInsKeyGivesTheBuiltIn() {
    assertThat(SecretName.of("couchdb_cookie", 40)).isEqualTo(SecretName.COUCHDB_COOKIE);
  }

  @Test
  void theSecretGoesIntoTheServicesSecretFile() {
    // given
    Cluster cluster = Topologies.seedWith(redis());

    // when
    RenderedFile conf = rendererWithPassword().render(cluster).file("server_all-1", "/etc/redis/redis.conf")
        .orElseThrow();

    // then
    assertThat(conf.content()).contains("requirepass " + PASSWORD + "\n");
    assertThat(conf.secret()).isTrue();
    assertThat(conf.modeOctal()).isEqualTo("0600");
  }

  @Test
  void aSettingMadeFromTheSecretHoldsItAndItsEnvironmentFileIsSecret() {
    // given
    Cluster cluster = Topologies.seedWith(redis());

    // when
    RenderedFile env = rendererWithPassword().render(cluster).file("server_all-1", "/etc/stackwright/demo.env")
        .orElseThrow();

    // then
    assertThat(env.content()).contains("\nCACHE_URL=\"redis://:" + PASSWORD + "@10.0.40.1:6379/0\"\n");
    assertThat(env.secret()).isTrue();
  }

  @Test
  void aMissingOwnSecretIsToldWithItsVariable() {
    // given
    Cluster cluster = Topologies.seedWith(redis());

    // when / then
    assertThatThrownBy(() -> Topologies.renderer().render(cluster)).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("redis_password is not set")
        .hasMessageContaining("STACKWRIGHT_SECRET_REDIS_PASSWORD");
  }
}
