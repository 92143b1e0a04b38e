package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.model.Node;
import dev.stackwright.nodes.internal.Host;
import dev.stackwright.services.BuiltInServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Security groups hold on real nodes: the seed applied, a TCP listener on every service port of every role address
 * in each node's namespace (not the services: their packages may be missing), and every one tried from every other
 * node and from the rig's side of the bridge. What must open and what must not is derived from the model's rules
 * ({@link SecurityMatrix}); the whole matrix is asserted, and written to {@code target/security-matrix.txt}.
 */
@Tag("integration")
class SecurityMatrixIT {
  private static final int HTTP = SecurityMatrix.port(BuiltInServices.WEBSERVER, "http");
  private static final int HTTPS = SecurityMatrix.port(BuiltInServices.WEBSERVER, "https");
  private static final int COUCHDB = SecurityMatrix.port(BuiltInServices.DATABASE, "couchdb");
  private static final int APP = SecurityMatrix.port(BuiltInServices.APPSERVER, "app");
  private static final Cluster SEED = Topologies.seed("matrix");
  private static final String PYTHON = "/usr/bin/python3";
  /** Binds each address:port given (one already served by the node counts as listening), then lives 180 s. */
  private static final String LISTEN = String.join("\n", "import socket, sys, time, errno", "socks = []",
      "for t in sys.argv[1:]:", "    a, p = t.rsplit(':', 1)", "    s = socket.socket()",
      "    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)", "    try:", "        s.bind((a, int(p)))",
      "        s.listen(64)", "        socks.append(s)", "    except OSError as e:",
      "        if e.errno != errno.EADDRINUSE: raise", "print('listening', flush=True)", "time.sleep(180)");
  /** Connects to each address:port at once, 2 s each; prints "address:port open|refused|timeout|error". */
  private static final String PROBE = String.join("\n", "import socket, sys, threading", "out = {}",
      "def go(t):", "    a, p = t.rsplit(':', 1)", "    s = socket.socket()", "    s.settimeout(2)", "    try:",
      "        s.connect((a, int(p))); out[t] = 'open'", "    except ConnectionRefusedError: out[t] = 'refused'",
      "    except socket.timeout: out[t] = 'timeout'", "    except OSError as e: out[t] = 'error-' + str(e.errno)",
      "    finally: s.close()", "ts = [threading.Thread(target=go, args=(t,)) for t in sys.argv[1:]]",
      "[t.start() for t in ts]", "[t.join(10) for t in ts]",
      "for t in sys.argv[1:]: print(t, out.get(t, 'unfinished'))");
  private static TestRig rig;
  private static final List<Process> listeners = new ArrayList<>();

  @BeforeAll
  static void open() throws IOException {
    rig = TestRig.open(null, null, SEED);
  }

  @AfterAll
  static void close() throws IOException {
    try {
      listeners.forEach(SecurityMatrixIT::kill);
    } finally {
      if (rig != null) {
        rig.close();
      }
    }
  }

  @Test
  void everyConnectionTheRulesAllowIsMadeAndEveryOtherFails() throws Exception {
    // given the seed on real nodes, one host, and a listener on every service port of every role address
    Engine engine = Engine.builder().backend(rig.nodes).renderer(Topologies.renderer())
        .serverGroupPolicy("soft-anti-affinity").build();
    ApplyResult applied = engine.apply(SEED);
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    Map<String, String> namespaces = namespaces(rig.nodes.observe(SEED.name()));
    List<SecurityMatrix.Target> targets = SecurityMatrix.targets(SEED);
    for (Node n : SEED.nodes()) {
      listen(namespaces.get(n.name()), targets.stream().filter(t -> t.node().equals(n)).toList());
    }
    List<SecurityMatrix.Source> sources = new ArrayList<>(SEED.nodes().stream().map(SecurityMatrix.Source::of)
        .toList());
    sources.add(new SecurityMatrix.Source("rig's side", List.of(Ipv4Address.parse("10.0.255.254")), List.of()));
    namespaces.put("rig's side", rig.nodes.bridgeNamespace());
    Map<ResourceId, List<RuleSpec>> rules = SecurityMatrix.rules(SEED);
    Map<String, Boolean> expected = new LinkedHashMap<>();
    for (SecurityMatrix.Source s : sources) {
      targets.stream().filter(t -> !t.node().name().equals(s.name())).forEach(t -> expected.put(
          SecurityMatrix.key(s, t), SecurityMatrix.allowed(rules, s, t)));
    }

    // when each source tries every other node's targets, the sources in parallel
    Map<String, String> seen = probeAll(sources, targets, namespaces);

    // then
    String table = SecurityMatrix.table(sources, targets, expected, seen);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "security-matrix.txt"), table);
    Map<String, String> asSeen = new LinkedHashMap<>();
    expected.keySet().forEach(k -> asSeen.put(k, seen.getOrDefault(k, "not probed").equals("open") ? "open"
        : "closed"));
    Map<String, String> asExpected = new LinkedHashMap<>();
    expected.forEach((k, v) -> asExpected.put(k, v ? "open" : "closed"));
    assertThat(asSeen).as("the security matrix (target/security-matrix.txt):\n" + table).isEqualTo(asExpected);
    // the issue's own examples, named
    assertThat(asSeen).containsEntry(key("worker-1", "controller-1", HTTP), "closed")
        .containsEntry(key("worker-1", "controller-1", HTTPS), "closed")
        .containsEntry(key("webserver-1", "database-1", COUCHDB), "closed")
        .containsEntry(key("worker-1", "database-1", COUCHDB), "open")
        .containsEntry(key("webserver-1", "appserver-1", APP), "open");
  }

  /** The matrix's key for a connection from node {@code from} to role instance {@code role}'s address. */
  private static String key(String from, String role, int port) {
    SecurityMatrix.Target t = SecurityMatrix.targets(SEED).stream().filter(x -> x.role().equals(role)
        && x.port() == port).findFirst().orElseThrow();
    return SecurityMatrix.key(SecurityMatrix.Source.of(SEED.node(from).orElseThrow()), t);
  }

  /** Each node's port namespace, by node name. */
  private static Map<String, String> namespaces(Observation seen) {
    Map<String, String> out = new ConcurrentHashMap<>();
    for (Node n : SEED.nodes()) {
      out.put(n.name(), rig.namespaceOf(seen.get(ResourceId.of(ResourceKind.PORT, n.name())).orElseThrow()));
    }
    return out;
  }

  /** Starts a listener in {@code namespace} on {@code targets}; waits (at most 10 s) until it says it listens. */
  private static void listen(String namespace, List<SecurityMatrix.Target> targets) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, PYTHON, "-c", LISTEN));
    targets.forEach(t -> cmd.add(t.address() + ":" + t.port()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    listeners.add(p);
    Future<String> line = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "matrix-listener");
      t.setDaemon(true);
      return t;
    }).submit(() -> new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine());
    String said = line.get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(said).as("the listener in " + namespace).isEqualTo("listening");
  }

  private static Map<String, String> probeAll(List<SecurityMatrix.Source> sources,
      List<SecurityMatrix.Target> targets, Map<String, String> namespaces) throws Exception {
    Map<String, String> seen = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(sources.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (SecurityMatrix.Source s : sources) {
        List<SecurityMatrix.Target> others = targets.stream().filter(t -> !t.node().name().equals(s.name()))
            .toList();
        done.add(pool.submit(() -> probe(s, others, namespaces.get(s.name()), seen)));
      }
      for (Future<?> f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return seen;
  }

  private static void probe(SecurityMatrix.Source s, List<SecurityMatrix.Target> targets, String namespace,
      Map<String, String> seen) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, PYTHON, "-c", PROBE));
    targets.forEach(t -> cmd.add(t.address() + ":" + t.port()));
    Host.Result r = Host.run(cmd, null, Duration.ofSeconds(30));
    Map<String, SecurityMatrix.Target> byEndpoint = new LinkedHashMap<>();
    targets.forEach(t -> byEndpoint.put(t.address() + ":" + t.port(), t));
    for (String line : r.output().lines().toList()) {
      String[] parts = line.split(" ", 2);
      SecurityMatrix.Target t = byEndpoint.get(parts[0]);
      if (t != null && parts.length == 2) {
        seen.put(SecurityMatrix.key(s, t), parts[1].strip());
      }
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
