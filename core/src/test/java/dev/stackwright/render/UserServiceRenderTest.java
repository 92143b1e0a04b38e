package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.RenderException;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.model.TemplateSource;
import org.junit.jupiter.api.Test;

/** A service of the user's own, a small Redis, rendered on the seed's server_all next to the app servers. */
class UserServiceRenderTest {
  private static final String CONF = "/etc/redis/redis.conf";
  private static final String APP_ENV = "/etc/stackwright/demo.env";

  private final Renderer renderer = Topologies.renderer();

  private static Service.Builder redis() {
    return Service.builder("redis")
        .title("Redis cache")
        .packages("redis-server")
        .addUsers("redis")
        .port(ServicePort.tcp("redis", 6379))
        .openTo("appserver", "redis", "the app caches in Redis")
        .openTo("worker", "redis", "tasks cache in Redis")
        .file("redis/redis.conf.jinja", "/etc/redis/redis{suffix}.conf", "redis:redis", 0640,
            OnChange.restart("redis-server"))
        .bootStep("redis", "systemctl enable redis-server && systemctl restart redis-server")
        .health(HealthCheck.tcp("redis"))
        .appSetting("CACHE_URL", "redis://{address}:{port:redis}/0")
        .templates(TemplateSource.classPath(UserServiceRenderTest.class.getClassLoader(), "services"));
  }

  private static String file(RenderedCluster r, String node, String path) {
    return r.file(node, path).orElseThrow(() -> new AssertionError(node + " has no " + path + "; it has "
        + r.manifest(node).keySet())).content();
  }

  @Test
  void itsFileIsOnTheNodeThatCarriesItWithItsOwnerModeAndValues() {
    // given
    Cluster cluster = Topologies.seedWith(redis().build());

    // when
    RenderedCluster rendered = renderer.render(cluster);

    // then
    RenderedFile conf = rendered.file("server_all-1", CONF).orElseThrow();
    assertThat(conf.owner()).isEqualTo("redis:redis");
    assertThat(conf.modeOctal()).isEqualTo("0640");
    assertThat(conf.content()).contains("bind 10.0.40.1\n").contains("port 6379\n");
    assertThat(rendered.file("worker-1", CONF)).isEmpty();
  }

  @Test
  void itsPackagesAreInTheUserDataOfItsNode() {
    // given
    Cluster cluster = Topologies.seedWith(redis().build());

    // when
    RenderedCluster rendered = renderer.render(cluster);

    // then
    assertThat(rendered.userData("server_all-1")).contains("\n  - redis-server\n");
    assertThat(rendered.userData("worker-1")).doesNotContain("redis-server\n");
  }

  @Test
  void itsBootStepRunsAfterTheDatabaseAndBrokerAndBeforeTheAppServersThatConnectToIt() {
    // given
    Cluster cluster = Topologies.seedWith(redis().build());

    // when
    String userData = renderer.render(cluster).userData("server_all-1");

    // then
    int redis = userData.indexOf("sw_step redis ");
    assertThat(redis).isPositive();
    assertThat(userData.indexOf("sw_step couchdb ")).isPositive().isLessThan(redis);
    assertThat(userData.indexOf("sw_step rabbitmq-server ")).isPositive().isLessThan(redis);
    assertThat(userData.indexOf("sw_step app-migrate ")).isGreaterThan(redis);
    assertThat(userData.indexOf("sw_step gunicorn ")).isGreaterThan(redis);
  }

  @Test
  void itsSettingIsInTheAppEnvironmentOfAppServersAndWorkers() {
    // given
    Cluster cluster = Topologies.seedWith(redis().build());

    // when
    RenderedCluster rendered = renderer.render(cluster);

    // then
    assertThat(file(rendered, "server_all-1", APP_ENV)).endsWith("\nCACHE_URL=\"redis://10.0.40.1:6379/0\"\n");
    assertThat(file(rendered, "worker-2", APP_ENV)).endsWith("\nCACHE_URL=\"redis://10.0.40.1:6379/0\"\n");
  }

  @Test
  void aClusterWithoutItsServiceGetsNoSetting() {
    // given
    Cluster cluster = Topologies.seed();

    // when
    RenderedCluster rendered = renderer.render(cluster);

    // then
    assertThat(file(rendered, "server_all-1", APP_ENV)).doesNotContain("CACHE_URL").endsWith("COUCHDB_URL=\""
        + "http://admin:" + Topologies.secrets().get(SecretName.COUCHDB_ADMIN_PASSWORD) + "@10.0.20.1:5984\"\n");
  }

  @Test
  void aTemplateTheServiceDoesNotHaveIsToldWithTheServiceAndTheFile() {
    // given
    Cluster cluster = Topologies.seedWith(redis().file("redis/sentinel.conf.jinja", "/etc/redis/sentinel.conf",
        "redis:redis", 0640, OnChange.restart("redis-sentinel")).build());

    // when, then
    assertThatThrownBy(() -> renderer.render(cluster)).isInstanceOf(RenderException.class)
        .hasMessageContaining("redis/sentinel.conf.jinja").hasMessageContaining("service[redis]")
        .hasMessageContaining("/etc/redis/sentinel.conf").hasMessageContaining("services/redis/sentinel.conf.jinja");
  }

  @Test
  void aTemplateThatDoesNotRenderIsToldWithTheServiceTheFileAndTheLine() {
    // given
    Cluster cluster = Topologies.seedWith(redis().file("redis/broken.conf.jinja", "/etc/redis/broken.conf",
        "redis:redis", 0640, OnChange.NOTHING).build());

    // when, then
    assertThatThrownBy(() -> renderer.render(cluster)).isInstanceOf(RenderException.class)
        .hasMessageContaining("service[redis] file /etc/redis/broken.conf")
        .hasMessageContaining("redis/broken.conf.jinja")
        .satisfies(e -> assertThat(((RenderException) e).line()).isPositive());
  }

  @Test
  void aSettingThatNamesAPortTheServiceDoesNotHaveIsToldWithItsPath() {
    // given
    Service broken = redis().appSetting("SENTINEL_URL", "redis://{address}:{port:sentinel}").build();

    // when, then: validation refuses it (issue 15) before anything renders; the renderer keeps its check as a backstop
    assertThatThrownBy(() -> Topologies.seedWith(broken))
        .hasMessageContaining("[service[redis].appSetting[SENTINEL_URL]] \"{port:sentinel}\" names port sentinel")
        .hasMessageContaining("[redis]");
  }
}
