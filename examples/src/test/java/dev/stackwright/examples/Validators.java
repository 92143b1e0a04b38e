package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the daemons' own validators. A missing validator fails the test under CI ({@code CI=true}) and skips it
 * elsewhere, in both cases naming the Debian package that brings it. Every run is timed; the figures go to a file,
 * never into an assertion.
 */
final class Validators {
  /** What each validator needs, as a binary on this machine and the Debian package that has it. */
  enum Tool {
    NGINX("nginx", "nginx"),
    SYSTEMD_ANALYZE("systemd-analyze", "systemd"),
    GUNICORN("gunicorn", "gunicorn"),
    DNSMASQ("dnsmasq", "dnsmasq"),
    CLOUD_INIT("cloud-init", "cloud-init"),
    PHP_FPM("php-fpm8.2", "php8.2-fpm (or php-fpm)"),
    ESCRIPT("escript", "erlang-base (pulled in by rabbitmq-server)"),
    RABBITMQ_SERVER("/usr/lib/rabbitmq/bin/rabbitmq-server", "rabbitmq-server"),
    EPMD("epmd", "erlang-base (pulled in by rabbitmq-server)"),
    UNSHARE("unshare", "util-linux"),
    SYSCTL("sysctl", "procps"),
    IP("ip", "iproute2"),
    CURL("curl", "curl"),
    REDIS_SERVER("redis-server", "redis-server"),
    REDIS_CLI("redis-cli", "redis-tools (pulled in by redis-server)"),
    PYTHON3("/usr/bin/python3", "python3"),
    GRAPHVIZ_DOT("dot", "graphviz"),
    CHROMIUM("chromium", "chromium");

    final String binary;
    final String debianPackage;

    Tool(String binary, String debianPackage) {
      this.binary = binary;
      this.debianPackage = debianPackage;
    }
  }

  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
      "/sbin", "/bin");

  private final List<String> timings = Collections.synchronizedList(new ArrayList<>());

  static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Fails under CI, skips elsewhere, with the message. */
  static void missing(String message) {
    missing(message, underCi());
  }

  static void missing(String message, boolean ci) {
    if (ci) {
      fail(message + " (CI=true: a missing validator is a failure, never a skip)");
    }
    Assumptions.abort(message);
  }

  /** The tools' paths, or the test fails (CI) or is skipped, naming the packages to install. */
  static void require(Tool... tools) {
    Optional<String> absent = absent(tools);
    if (absent.isPresent()) {
      missing(absent.get());
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      missing("the validators run in private mount and network namespaces, which needs root; run the tests as root");
    }
  }

  /** What is missing of {@code tools}, as a message naming each Debian package; empty when all are there. */
  static Optional<String> absent(Tool... tools) {
    List<String> absent = new ArrayList<>();
    for (Tool t : tools) {
      if (find(t).isEmpty()) {
        absent.add(t.binary + " (Debian package " + t.debianPackage + ")");
      }
    }
    return absent.isEmpty() ? Optional.empty() : Optional.of("validator missing: " + String.join(", ", absent)
        + "; install it with .ci/install-daemons.sh or apt-get install --no-install-recommends");
  }

  static Optional<Path> find(Tool tool) {
    if (tool.binary.startsWith("/")) {
      Path p = Path.of(tool.binary);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    return PATH.stream().map(d -> Path.of(d, tool.binary)).filter(Files::isExecutable).findFirst();
  }

  static String path(Tool tool) {
    return find(tool).map(Path::toString).orElseThrow();
  }

  /** The repository's top directory: the first parent of the working directory with core/pom.xml in it. */
  static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("core/pom.xml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** The RabbitMQ offline checker, kept in the repository. */
  static Path rabbitmqConfChecker() {
    Path p = repositoryRoot().resolve("core/src/test/validators/rabbitmq-conf-check.escript");
    if (!Files.isRegularFile(p)) {
      missing("core/src/test/validators/rabbitmq-conf-check.escript is missing from this checkout");
    }
    return p;
  }

  /** The plugins directory of the installed RabbitMQ, whose schemas the checker loads. */
  static Path rabbitmqPlugins() {
    try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/rabbitmq/lib"))) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("rabbitmq_server-")).sorted()
          .map(d -> d.resolve("plugins")).filter(Files::isDirectory).reduce((a, b) -> b).orElseThrow();
    } catch (IOException | RuntimeException e) {
      missing("no /usr/lib/rabbitmq/lib/rabbitmq_server-*/plugins (Debian package rabbitmq-server)");
      throw new IllegalStateException("unreachable");
    }
  }

  /** A finished run: exit code (-1 on timeout), stdout and stderr together, and how long it took. */
  record Result(int exitCode, String output, long millis) {
    boolean ok() {
      return exitCode == 0;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + " after " + millis + " ms:\n" + output;
    }
  }

  Result run(String validator, String subject, List<String> command) {
    return run(validator, subject, command, null, Map.of(), TIMEOUT);
  }

  /**
   * Runs a command with a clean environment ({@code PATH=/usr/sbin:/usr/bin:/sbin:/bin} and {@code env}), kills it
   * and its children when it outlives {@code timeout}, and records the time it took.
   */
  Result run(String validator, String subject, List<String> command, Path directory, Map<String, String> env,
      Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      pb.directory(directory.toFile());
    }
    Map<String, String> environment = pb.environment();
    environment.clear();
    environment.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    environment.put("LANG", "C.UTF-8");
    environment.put("HOME", System.getProperty("java.io.tmpdir"));
    environment.put("PYTHONDONTWRITEBYTECODE", "1");
    environment.putAll(env);
    long start = System.nanoTime();
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    int exit;
    try {
      if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = process.exitValue();
      } else {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        exit = -1;
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    String out;
    try {
      out = output.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      out = "(output unreadable: " + e + ")";
    }
    if (exit == -1) {
      out = out + "\n(killed after " + timeout.toSeconds() + " s)";
    }
    timings.add(String.format(Locale.ROOT, "%-26s %-48s %7d ms  %s", validator, subject, millis,
        exit == 0 ? "ok" : "exit " + exit));
    return new Result(exit, out, millis);
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  /** Writes every run's time to {@code file}, one line each. */
  void writeTimings(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    List<String> lines = new ArrayList<>();
    lines.add("# validator                  file                                             time      result");
    synchronized (timings) {
      lines.addAll(timings);
    }
    Files.write(file, lines);
  }

  /** KEY="value" lines of an env file, as systemd's EnvironmentFile reads them (the only form we render). */
  static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String value = line.substring(eq + 1);
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      env.put(line.substring(0, eq), value);
    }
    return env;
  }
}
