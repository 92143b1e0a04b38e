package dev.stackwright.openstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted OpenStack on 127.0.0.1 for unit tests: Keystone hands out tokens whose catalogue points every service
 * here; every other request is answered by the first queued answer for its method and path, else by the route's
 * default, else 404. Records every request it gets. Not an emulation of OpenStack: tests say what it answers.
 */
public final class FakeOpenStack implements AutoCloseable {
  /** An answer: status, headers, body; or a connection closed without one. */
  public record Answer(int status, Map<String, String> headers, String body, boolean dropped) {
    public static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json",
          "x-openstack-request-id", "req-" + status + "-fake"), body, false);
    }

    public static Answer connectionReset() {
      return new Answer(0, Map.of(), "", true);
    }

    public Answer with(String header, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(header, value);
      return new Answer(status, h, body, dropped);
    }
  }

  /** What a request looked like: {@code GET /v2.0/ports?limit=500}, its headers and body. */
  public record Seen(String method, String path, String query, Map<String, String> headers, String body) {
    public String line() {
      return method + " " + path + (query == null ? "" : "?" + query);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Answer>> queued = new LinkedHashMap<>();
  private final Map<String, Function<Seen, Answer>> routes = new LinkedHashMap<>();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger tokens = new AtomicInteger();
  private volatile Duration tokenLifetime = Duration.ofHours(1);
  private volatile java.time.Clock clock = java.time.Clock.systemUTC();

  private FakeOpenStack() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::handle);
    // a project that sees no network: every observation lists them (a cluster's own are among them)
    routes.put("GET /v2.0/networks", s -> Answer.json(200, "{\"networks\": []}"));
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
  }

  public static FakeOpenStack start() {
    try {
      return new FakeOpenStack();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public OpenStackCredentials credentials() {
    return OpenStackCredentials.builder().authUrl(url() + "/v3").username("demo").password("secret")
        .projectName("demo").regionName("RegionOne").source("the fake cloud").build();
  }

  /** Tokens Keystone issues from now on live this long. */
  public FakeOpenStack tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
    return this;
  }

  /** Keystone's clock, for tokens' issue and expiry times. */
  public FakeOpenStack clock(java.time.Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Answers {@code METHOD /path} (query ignored) with these answers in turn, before its route's default. */
  public synchronized FakeOpenStack enqueue(String method, String path, Answer... answers) {
    Deque<Answer> q = queued.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
    Collections.addAll(q, answers);
    return this;
  }

  /** The default answer of {@code METHOD /path} (query ignored). */
  public synchronized FakeOpenStack route(String method, String path, Function<Seen, Answer> answer) {
    routes.put(method + " " + path, answer);
    return this;
  }

  /** Every request but Keystone's, in order. */
  public List<Seen> requests() {
    synchronized (seen) {
      return seen.stream().filter(s -> !s.path().startsWith("/v3")).collect(java.util.stream.Collectors.toList());
    }
  }

  public int tokensIssued() {
    return tokens.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    Seen s = new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
        headers, body);
    seen.add(s);
    Answer a;
    if (s.path().equals("/v3/auth/tokens") && s.method().equals("POST")) {
      a = token();
    } else {
      a = answerFor(s);
    }
    if (a.dropped()) {
      ex.close();
      return;
    }
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private synchronized Answer answerFor(Seen s) {
    String key = s.method() + " " + s.path();
    Deque<Answer> q = queued.get(key);
    if (q != null && !q.isEmpty()) {
      return q.poll();
    }
    Function<Seen, Answer> route = routes.get(key);
    if (route != null) {
      return route.apply(s);
    }
    return Answer.json(404, "{\"NeutronError\": {\"type\": \"NotFound\", \"message\": \"no route " + key
        + "\", \"detail\": \"\"}}");
  }

  private Answer token() {
    int n = tokens.incrementAndGet();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String endpoints = "";
    String[][] services = {{"network", "neutron", url()}, {"compute", "nova", url() + "/v2.1"},
        {"image", "glance", url()}, {"identity", "keystone", url() + "/v3"}};
    List<String> catalog = new ArrayList<>();
    for (String[] svc : services) {
      catalog.add("{\"type\": \"" + svc[0] + "\", \"name\": \"" + svc[1] + "\", \"id\": \"" + svc[1]
          + "-id\", \"endpoints\": [{\"id\": \"e-" + svc[1] + "\", \"interface\": \"public\", \"region\":"
          + " \"RegionOne\", \"region_id\": \"RegionOne\", \"url\": \"" + svc[2] + "\"}]}");
    }
    endpoints = String.join(", ", catalog);
    String json = "{\"token\": {\"methods\": [\"password\"], \"expires_at\": \"" + now.plus(tokenLifetime)
        + "\", \"issued_at\": \"" + now + "\", \"audit_ids\": [\"a" + n + "\"],"
        + " \"user\": {\"id\": \"u1\", \"name\": \"demo\", \"domain\": {\"id\": \"default\", \"name\": \"Default\"}},"
        + " \"project\": {\"id\": \"p1\", \"name\": \"demo\", \"domain\": {\"id\": \"default\", \"name\": \"Default\"}},"
        + " \"roles\": [{\"id\": \"r1\", \"name\": \"member\"}], \"catalog\": [" + endpoints + "]}}";
    return Answer.json(201, json).with("X-Subject-Token", "token-" + n);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
