package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.examples.Validators.Result;
import dev.stackwright.examples.Validators.Tool;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis example's rendered redis.conf, proven by the real Redis: {@code redis-server} started with the file as it
 * is, in private network, mount and PID namespaces where the conf's cluster address exists on the namespace's own
 * loopback interface (validators/redis-conf.sh), refusing a client without the service's password, answering PING
 * from that address with it and holding the values the model means; and a broken file fails the same check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisConfValidateTest {
  private static final String CONF = "/etc/redis/redis.conf";

  private final Validators validators = new Validators();
  private Path work;
  private Cluster cluster;
  private RenderedCluster files;

  @BeforeAll
  void render(@TempDir Path dir) {
    work = dir;
    cluster = RedisCluster.build();
    files = Renderer.builder().secrets(SecretSource.generatedIn(dir.resolve("secrets.properties"))).build()
        .render(cluster);
  }

  @AfterAll
  void writeTimings() throws IOException {
    validators.writeTimings(Path.of("target/validator-timings-redis.txt"));
  }

  private RoleInstance redis() {
    return cluster.instances(RedisCluster.redis()).get(0);
  }

  private RenderedFile conf() {
    return files.file(cluster.nodeOf(redis()).name(), CONF).orElseThrow();
  }

  @Test
  void theRenderedConfIsOnTheCachesNodeOwnedByRedisAndReadableByItAloneForItHoldsThePassword() {
    // when
    RenderedFile conf = conf();

    // then
    assertThat(conf.node()).isEqualTo("redis-1");
    assertThat(conf.owner()).isEqualTo("redis:redis");
    assertThat(conf.modeOctal()).isEqualTo("0600");
    assertThat(conf.secret()).isTrue();
    assertThat(conf.content()).containsPattern("(?m)^requirepass [A-Za-z0-9]{32}$");
  }

  @Test
  void theCacheNodesUserDataIsValidCloudConfigThatInstallsRedis() throws IOException {
    // given
    Validators.require(Tool.CLOUD_INIT);
    String node = conf().node();
    Path userData = Files.writeString(Files.createTempDirectory(work, "user-data").resolve("user-data.txt"),
        files.userData(node));

    // when
    Result result = validators.run("cloud-init schema", "redis:" + node + RenderedCluster.USER_DATA_PATH,
        List.of(Validators.path(Tool.CLOUD_INIT), "schema", "-c", userData.toString()));

    // then
    assertThat(result.output()).as(result.toString()).contains("Valid cloud-config");
    assertThat(files.userData(node)).contains("  - redis-server\n",
        "systemctl enable redis-server && systemctl restart redis-server");
  }

  @Test
  void redisStartsWithTheRenderedConfRefusesAClientWithoutThePasswordAnswersOneWithItAndHoldsTheValuesTheModelMeans()
      throws Exception {
    // given
    Validators.require(Tool.REDIS_SERVER, Tool.REDIS_CLI, Tool.UNSHARE, Tool.IP);
    Node node = cluster.nodeOf(redis());
    long shareMb = node.flavor().ramMb() / node.roles().size() / 2;

    // when
    Result result = check(conf().content());

    // then
    assertThat(result.output()).contains("CHECK redis-starts ok", "CHECK no-password-refused ok (NOAUTH",
        "CHECK ping-from-a-cluster-address ok", "CHECK not-on-loopback ok", "CHECK redis-stops ok")
        .doesNotContain("FAILED");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    Map<String, String> meant = new LinkedHashMap<>();
    meant.put("bind", redis().address().toString());
    meant.put("port", "6379");
    meant.put("protected-mode", "yes");
    meant.put("maxmemory", String.valueOf(shareMb * 1024 * 1024));
    meant.put("maxmemory-policy", "allkeys-lru");
    meant.put("save", "");
    meant.put("appendonly", "no");
    meant.put("dir", "/var/lib/redis");
    meant.put("logfile", "/var/log/redis/redis-server.log");
    meant.put("supervised", "systemd");
    assertThat(configOf(result)).containsExactlyInAnyOrderEntriesOf(meant);
  }

  @Test
  void aMisspeltDirectiveFailsTheCheck() throws Exception {
    // given
    Validators.require(Tool.REDIS_SERVER, Tool.REDIS_CLI, Tool.UNSHARE, Tool.IP);

    // when
    Result result = check(changed(s -> s.replace("maxmemory-policy ", "maxmemory-polcy ")));

    // then
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("CHECK redis-starts FAILED", "Bad directive", "maxmemory-polcy");
  }

  @Test
  void aConfThatLostItsPasswordShutsTheAppServersOutInProtectedModeSoTheCheckCatchesIt() throws Exception {
    // given: Redis 7 refuses every client off loopback in protected mode while the default user has no password
    Validators.require(Tool.REDIS_SERVER, Tool.REDIS_CLI, Tool.UNSHARE, Tool.IP);

    // when
    Result result = check(changed(s -> s.replaceFirst("(?m)^requirepass .*\n", "")));

    // then
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("CHECK redis-starts ok", "CHECK ping-from-a-cluster-address FAILED",
        "DENIED");
  }

  @Test
  void aConfThatListensOnEveryAddressFailsTheCheck() throws Exception {
    // given
    Validators.require(Tool.REDIS_SERVER, Tool.REDIS_CLI, Tool.UNSHARE, Tool.IP);

    // when
    Result result = check(changed(s -> s.replaceFirst("(?m)^bind \\S+", "bind 0.0.0.0")));

    // then
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("CHECK not-on-loopback FAILED");
  }

  private String changed(UnaryOperator<String> change) {
    String before = conf().content();
    String after = change.apply(before);
    assertThat(after).as("the change to " + CONF).isNotEqualTo(before);
    return after;
  }

  /** validators/redis-conf.sh on {@code content}, in namespaces of its own. */
  private Result check(String content) throws IOException, URISyntaxException {
    Path dir = Files.createTempDirectory(work, "redis");
    Path file = Files.writeString(dir.resolve("redis.conf"), content);
    Path script = Path.of(getClass().getResource("/validators/redis-conf.sh").toURI());
    return validators.run("redis-server " + CONF, "redis:" + conf().node() + CONF, List.of(
        Validators.path(Tool.UNSHARE), "-m", "-n", "-p", "-f", "--mount-proc", "--kill-child", "bash",
        script.toString(), file.toString(), dir.toString()), null, Map.of(), Duration.ofSeconds(60));
  }

  /** The "CONFIG name value" lines the script prints: what Redis took from the file. */
  private static Map<String, String> configOf(Result result) {
    Map<String, String> config = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^CONFIG (\\S+) ?(.*)$").matcher(result.output());
    while (m.find()) {
      config.put(m.group(1), m.group(2));
    }
    return config;
  }
}
