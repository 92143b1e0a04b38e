package dev.stackwright.openstack.internal;

import dev.stackwright.openstack.FakeOpenStack;
import dev.stackwright.openstack.FakeOpenStack.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake Nova and a clock of the tests' own for {@link ServerBuilds}: boots, the answers they get, what was sent. */
final class ServerBuildsRig implements AutoCloseable {
  static final String NO_HOST = ", \"fault\": {\"code\": 500, \"message\":"
      + " \"No valid host was found. There are not enough hosts available.\"}";
  final FakeOpenStack cloud = FakeOpenStack.start();
  final HttpTest.MutableClock clock = new HttpTest.MutableClock();

  /** No twins by default: the look by name and marker at a server read alone once ACTIVE finds none. */
  void noServersListed() {
    cloud.route("GET", "/v2.1/servers/detail", x -> Answer.json(200, "{\"servers\": []}"));
  }

  @Override
  public void close() {
    cloud.close();
  }

  List<ServerBuilds.Outcome> build(String... names) {
    return build(Optional.empty(), names);
  }

  /** Boots servers; those named {@code g...} are members of the paced (strict anti-affinity) group, if given. */
  List<ServerBuilds.Outcome> build(Optional<String> pacedGroup, String... names) {
    Settings d = Settings.defaults();
    Settings s = new Settings(d.connectTimeout(), d.readTimeout(), d.tokenRefreshMargin(), d.proxy(),
        d.retryAttempts(), d.retryBudget(), d.retryBaseDelay(), Duration.ofSeconds(5), d.pollInterval(), d.pageSize());
    Http.Sleeper sleeper = clock::advance;
    Nova nova = new Nova(new Http(new Session(cloud.credentials(), s, clock), s, sleeper), s, sleeper, clock);
    List<ServerBuilds.Boot> boots = new ArrayList<>();
    for (String n : names) {
      boots.add(new ServerBuilds.Boot(new Nova.ServerSpec(n, "f", "i", List.of("p-" + n), Optional.empty(),
          Optional.empty(), Optional.empty(), Map.of()), new Marker("seed", "server/" + n),
          n.startsWith("g") ? pacedGroup : Optional.empty()));
    }
    return new ServerBuilds(nova, 2).build("seed", boots);
  }

  static Answer server(String id, String status, String extra) {
    return Answer.json(200, "{\"server\": " + body(id, status, extra) + "}");
  }

  static String body(String id, String status, String extra) {
    return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"status\": \"" + status + "\", \"metadata\":"
        + " {\"stackwright-cluster\": \"seed\"}" + extra + "}";
  }

  /** The look by name and marker at worker-1, read alone once ACTIVE, for its twins. */
  static final String TWINS_OF_WORKER = "GET /v2.1/servers/detail?name=%5Eworker-1%24&limit=500";

  /** Boots answer s1, s2, ... in the order they arrive. */
  void bootsNumbered() {
    AtomicInteger n = new AtomicInteger();
    cloud.route("POST", "/v2.1/servers", x -> Answer.json(202, "{\"server\": {\"id\": \"s" + n.incrementAndGet()
        + "\"}}"));
  }

  /** Boots answer with the server's own name as its id, whatever order they arrive in. */
  void bootsByName() {
    java.util.regex.Pattern name = java.util.regex.Pattern.compile("\"name\":\"([^\"]+)\"");
    cloud.route("POST", "/v2.1/servers", x -> {
      java.util.regex.Matcher m = name.matcher(x.body());
      return Answer.json(202, "{\"server\": {\"id\": \"" + (m.find() ? m.group(1) : "?") + "\"}}");
    });
  }

  /** The requests that change something (all but GETs), in order. */
  List<String> changes() {
    return cloud.requests().stream().map(FakeOpenStack.Seen::line).filter(l -> !l.startsWith("GET")).toList();
  }

  static Answer gone() {
    return Answer.json(404, "{\"itemNotFound\": {\"code\": 404}}");
  }

  long count(String line) {
    return cloud.requests().stream().filter(r -> r.line().startsWith(line)).count();
  }
}
