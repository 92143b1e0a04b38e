package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.examples.Validators.Tool;
import dev.stackwright.local.LocalResult;
import dev.stackwright.local.LocalRun;
import dev.stackwright.local.LocalRunException;
import dev.stackwright.local.LocalService;
import dev.stackwright.local.LocalServiceState;
import dev.stackwright.fixtures.TrustingClients;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.Certificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Redis example run on this machine by the local backend: the seed's processes and a real {@code redis-server}
 * started from the service's own descriptor, and a request through the load balancer counts in the cache. Only
 * 127.0.0.0/8 is contacted; every process stops in {@link #stopEverything()}, whatever happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisLocalRunTest {
  /** Trusts only the cluster CA the test's render makes (the seed, and so this cluster, serves HTTPS). */
  private static HttpClient http;
  private static final Pattern HITS = Pattern.compile("\"hits\": (\\d+)");

  private Cluster cluster;
  private LocalRun run;

  @BeforeAll
  void requirePrograms() {
    // the local run needs no root: absent(), not require()
    Validators.absent(Tool.NGINX, Tool.GUNICORN, Tool.RABBITMQ_SERVER, Tool.EPMD, Tool.PYTHON3, Tool.REDIS_SERVER)
        .ifPresent(Validators::missing);
    cluster = RedisCluster.build();
    run = LocalRun.builder().runDir(Path.of("target/local-run/redis").toAbsolutePath())
        .application(Validators.repositoryRoot().resolve("examples/src/main/python/demo"))
        .readyTimeout(Duration.ofSeconds(90)).build();
    run.destroy(cluster); // what an earlier, killed run left behind
  }

  @AfterAll
  void stopEverything() {
    if (run != null) {
      LocalResult destroyed = run.destroy(cluster);
      assertThat(run.status(cluster).services()).as(destroyed.toString()).isEmpty();
    }
  }

  @Test
  void aRequestThroughTheLoadBalancerCountsInTheCacheThatTheFrontPageShowsReachable() throws Exception {
    // given
    Path secrets = Path.of("target/redis-local-secrets.properties").toAbsolutePath();
    Path caDir = Path.of("target/redis-local-ca").toAbsolutePath();
    RenderedCluster rendered = Renderer.builder().secrets(SecretSource.generatedIn(secrets))
        .certificates(Certificates.clusterCa(caDir)).build().render(cluster, run.networkFacts(cluster));
    http = TrustingClients.client(rendered.file("webserver-1", "/etc/ssl/stackwright/ca.crt").orElseThrow()
        .content());
    LocalResult applied;
    try {
      applied = run.apply(cluster, rendered);
    } catch (LocalRunException e) {
      if (e.getMessage().contains("pouchdb-server, the CouchDB API stand-in, is not installed")) {
        Validators.missing("the local run needs the CouchDB stand-in: bash core/src/test/local/install-pouchdb.sh ("
            + e.getMessage() + ")");
      }
      throw e;
    }
    String lb = applied.loadBalancerUrl().orElseThrow();

    // when
    String first = get(lb + "cache/");
    String second = get(lb + "cache/");
    String front = get(lb);

    // then
    assertThat(applied.services(LocalServiceState.STARTED)).extracting(LocalService::kind).contains("redis");
    assertThat(hits(second)).as("%s then %s", first, second).isEqualTo(hits(first) + 1);
    assertThat(second).contains("\"app_server\": \"appserver-1\"");
    assertThat(front).contains("<td id=\"cache\" class=\"ok\">reachable</td>");
  }

  private static long hits(String body) {
    Matcher m = HITS.matcher(body);
    assertThat(m.find()).as("a hit count in %s", body).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String get(String url) throws Exception {
    URI uri = URI.create(url);
    assertThat(uri.getHost()).as("only loopback is contacted").startsWith("127.");
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
    return r.body();
  }
}
