package dev.stackwright.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.local.internal.Processes;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.SecretName;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof: the rendered cluster, run as local processes, works as a whole. A request through the load balancer
 * enqueues a task, a worker runs it and writes the result into the database role, and the result comes back through
 * the load balancer from there; over 20 requests both app servers and both workers serve. Static files come from the
 * static server, and the controller reaches RabbitMQ's management API (with {@code %2F} intact) and Django's admin.
 *
 * <p>Skipped on a machine without nginx, gunicorn, RabbitMQ, Celery or pouchdb-server, unless CI=true, where it
 * fails instead. Every service stops in {@link #stopEverything()}, whatever happened. Only 127.0.0.0/8 is contacted.
 * The time from nothing to the first round trip and the peak memory go to {@code target/local-run-figures.txt}.
 */
class LocalRunEndToEndTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern TASK_ID = Pattern.compile("\"task_id\": \"([^\"]+)\"");
  private static final Pattern APP_SERVER = Pattern.compile("\"app_server\": \"([^\"]+)\"");
  private static final Pattern WORKER = Pattern.compile("\"worker\": \"([^\"]+)\"");

  private static Cluster cluster;
  private static LocalRun run;
  private static Path runDir;

  @BeforeAll
  static void requirePrograms() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String p : List.of("/usr/sbin/nginx", "/usr/bin/gunicorn", "/usr/lib/rabbitmq/bin/rabbitmq-server",
        "/usr/bin/epmd", "/usr/bin/python3")) {
      if (!Files.isExecutable(Path.of(p))) {
        missing.add(p);
      }
    }
    if (!Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/celery"))
        || !Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/django"))) {
      missing.add("Debian's python3-celery and python3-django");
    }
    if (LocalRun.findPouchdbServer().isEmpty()) {
      missing.add("pouchdb-server (bash core/src/test/local/install-pouchdb.sh)");
    }
    if (!missing.isEmpty()) {
      String message = "the local run needs " + String.join(", ", missing) + "; install with: apt-get install -y "
          + "--no-install-recommends nginx gunicorn python3-django python3-celery celery rabbitmq-server && "
          + "bash core/src/test/local/install-pouchdb.sh";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.assumeTrue(false, message);
    }
    cluster = LocalTopology.cluster("proof");
    runDir = Path.of("target/local-run/proof").toAbsolutePath();
    run = LocalRun.builder().runDir(runDir).application(LocalTopology.DEMO).readyTimeout(Duration.ofSeconds(90))
        .build();
    run.destroy(cluster); // a run an earlier, killed test left behind
    deleteTree(runDir); // and its data: every run starts from nothing
  }

  @AfterAll
  static void stopEverything() {
    if (run == null) {
      return;
    }
    Set<Long> before = new TreeSet<>();
    LocalResult status = run.status(cluster);
    status.services().forEach(s -> s.pid().ifPresent(before::add));
    LocalResult destroyed = run.destroy(cluster);
    System.out.println(destroyed);
    for (long pid : before) {
      assertThat(Processes.identify(pid)).as("pid %d after destroy", pid).isEmpty();
    }
    assertThat(run.status(cluster).services()).isEmpty();
  }

  @Test
  void theRenderedClusterWorksAsAWholeOnThisMachine() throws Exception {
    // given
    AtomicLong peakRss = new AtomicLong();
    AtomicLong peakProcesses = new AtomicLong();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        long rss = run.residentBytes(cluster);
        if (rss > peakRss.get()) {
          peakRss.set(rss);
          peakProcesses.set(run.processCount(cluster));
        }
        Processes.sleep(Duration.ofMillis(250));
      }
    }, "rss-sampler");
    long t0 = System.nanoTime();
    sampler.start();

    // when
    LocalResult applied;
    try {
      applied = run.apply(cluster, LocalTopology.render(cluster));
    } catch (LocalRunException e) {
      sampling.set(false);
      throw e;
    }
    long upMs = (System.nanoTime() - t0) / 1_000_000;
    String lb = applied.loadBalancerUrl().orElseThrow();
    String controller = applied.controllerUrl().orElseThrow();
    String firstTask = taskId(get(lb + "enqueue/"));
    String firstResult = awaitResult(lb, firstTask);
    long firstRoundTripMs = (System.nanoTime() - t0) / 1_000_000;
    Set<String> appServers = new TreeSet<>();
    Set<String> workers = new TreeSet<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String body = get(lb + "enqueue/");
      ids.add(taskId(body));
      appServers.add(group(APP_SERVER, body));
    }
    for (String id : ids) {
      String result = awaitResult(lb, id);
      appServers.add(group(APP_SERVER, result));
      workers.add(group(WORKER, result));
    }
    sampling.set(false);
    sampler.join();

    // then
    System.out.println(applied);
    assertThat(applied.services(LocalServiceState.STARTED)).extracting(LocalService::kind)
        .contains("nginx", "gunicorn", "rabbitmq", "epmd", "celery", "couchdb-standin");
    assertThat(applied.services(LocalServiceState.SKIPPED)).extracting(LocalService::kind)
        .containsExactlyInAnyOrder("flower", "php-fpm", "dhcp", "cloud-init");
    assertThat(applied.service("dhcp").orElseThrow().detail()).contains("DHCP is not run locally");
    assertThat(firstResult).contains("\"sum\": 5");
    assertThat(appServers).containsExactlyInAnyOrder("appserver-1", "appserver-2");
    assertThat(workers).containsExactlyInAnyOrder("worker@worker-1", "worker@worker-2");

    String staticFile = get(lb + "static/demo/hello.txt");
    assertThat(staticFile).isEqualTo(Files.readString(LocalTopology.DEMO.resolve("demo/static/demo/hello.txt")));
    assertThat(Files.readString(runDir.resolve("static-1/var/log/nginx/access.log")))
        .contains("GET /static/demo/hello.txt");

    // the front page, served through nginx at the load balancer's URL, names the app server and a worker
    String front = get(lb);
    assertThat(front).containsPattern("<td id=\"app-server\">appserver-[12] \\(127\\.[0-9.]+:\\d+\\)</td>")
        .containsPattern("<td id=\"task\" class=\"ok\">add\\(2, 3\\) = 5, run by worker worker@worker-[12]</td>")
        .contains("<td id=\"database\" class=\"ok\">reachable (HTTP ");
    assertThat(run.status(cluster).loadBalancerUrl()).as("what output --backend local prints")
        .isEqualTo(applied.loadBalancerUrl());

    String admin = "admin:" + LocalTopology.SECRETS.get(SecretName.ADMIN_PASSWORD);
    // The cluster's definitions declare only the app's vhost; the default vhost "/" is created here, through the
    // controller, as %2F. Decoded on the way, the path would end in "//" and RabbitMQ would refuse it.
    HttpResponse<String> created = send("PUT", controller + "rabbitmq/api/vhosts/%2F", admin, "{}");
    assertThat(created.statusCode()).as("PUT /rabbitmq/api/vhosts/%%2F: %s", created.body()).isIn(201, 204);
    HttpResponse<String> queues = send(controller + "rabbitmq/api/queues/%2F", admin);
    assertThat(queues.statusCode()).as("RabbitMQ management API through the controller: %s", queues.body())
        .isEqualTo(200);
    assertThat(queues.body()).startsWith("[").doesNotContain("\"vhost\":\"demo\"");
    HttpResponse<String> decoded = send(controller + "rabbitmq/api/queues//", admin);
    assertThat(decoded.statusCode()).as("the decoded path, for contrast").isNotEqualTo(200);
    HttpResponse<String> appQueues = send(controller + "rabbitmq/api/queues/demo", admin);
    assertThat(appQueues.statusCode()).isEqualTo(200);
    assertThat(appQueues.body()).contains("\"name\":\"celery\"").contains("\"vhost\":\"demo\"");

    HttpResponse<String> login = send(controller + "admin/login/", admin);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("Django administration");

    LocalResult again = run.apply(cluster, LocalTopology.render(cluster));
    assertThat(again.services(LocalServiceState.STARTED)).isEmpty();
    assertThat(again.services(LocalServiceState.RUNNING)).hasSameSizeAs(applied.services(LocalServiceState.STARTED));
    for (LocalService s : again.services(LocalServiceState.RUNNING)) {
      assertThat(s.pid()).isEqualTo(applied.service(s.name()).orElseThrow().pid());
    }

    String figures = String.format(Locale.ROOT, "services up (apply returned): %.1f s%n"
        + "first round trip from nothing (enqueue via LB -> worker -> CouchDB stand-in -> result via LB): %.1f s%n"
        + "peak RSS summed over our process trees: %d MiB over %d processes%n"
        + "app servers seen: %s; workers seen: %s%n", upMs / 1000.0, firstRoundTripMs / 1000.0,
        peakRss.get() / (1024 * 1024), peakProcesses.get(), appServers, workers);
    Files.writeString(Path.of("target/local-run-figures.txt"), figures);
    System.out.print(figures);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String awaitResult(String lb, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body = get(lb + "result/" + id + "/");
      if (body.contains("\"SUCCESS\"")) {
        return body;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("task " + id + " gave no result through " + lb + " within 60 s; last answer: " + body);
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r = send(url, null);
    assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
    return r.body();
  }

  private static HttpResponse<String> send(String url, String basicAuth) throws Exception {
    return send("GET", url, basicAuth, null);
  }

  private static HttpResponse<String> send(String method, String url, String basicAuth, String json)
      throws Exception {
    URI uri = URI.create(url);
    assertThat(uri.getHost()).as("only loopback is contacted").startsWith("127.");
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (basicAuth != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String taskId(String body) {
    return group(TASK_ID, body);
  }

  private static String group(Pattern p, String body) {
    Matcher m = p.matcher(body);
    assertThat(m.find()).as("%s in %s", p, body).isTrue();
    return m.group(1);
  }
}
