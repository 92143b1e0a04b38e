package dev.stackwright.local.internal;

import dev.stackwright.local.LocalMapping;
import dev.stackwright.local.LocalResult;
import dev.stackwright.local.LocalService;
import dev.stackwright.local.LocalServiceState;
import dev.stackwright.local.internal.ConfigText.Endpoint;
import dev.stackwright.local.internal.Processes.Pid;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the mapped files, provides what a node's image would have, deploys the application, and starts, watches and
 * stops the services, each a process group with a pid file in {@code RUN_DIR/pids}. Only processes recorded there
 * are ever signalled.
 */
public final class LocalEngine {
  /** The order services stop in: front ends first, the broker's port mapper last. */
  private static final List<String> STOP_ORDER =
      List.of("nginx", "celery", "gunicorn", "couchdb-standin", "rabbitmq", "epmd");

  private final LocalMapping mapping;
  private final LocalOptions options;
  private final Path runDir;
  private final Path pids;
  private final Path logs;
  /** Where each service's ready log ended before it started, so an earlier run's "ready." does not count. */
  private final Map<String, Long> logOffsets = new ConcurrentHashMap<>();

  public LocalEngine(LocalMapping mapping, LocalOptions options) {
    this.mapping = mapping;
    this.options = options;
    this.runDir = mapping.runDir();
    this.pids = runDir.resolve("pids");
    this.logs = runDir.resolve("logs");
  }

  // ================================================================ apply

  /** Writes, provisions, deploys and starts what is not running; the result lists every service. */
  public LocalResult apply(Cluster cluster, List<NodeFile> files) {
    Set<String> changedNodes = new HashSet<>();
    List<NodeFile> all = write(cluster, files, changedNodes);
    reachableByServiceUsers();
    deploy(cluster, all);
    List<ServiceSpec> specs = new LocalPlanner(cluster, mapping, all, options).plan();
    return run(cluster, specs, changedNodes);
  }

  /**
   * Writes the mapped files (only those that differ) and what the nodes' images would provide; returns every file
   * written, the image's included, and adds the nodes whose files changed to {@code changedNodes}.
   */
  public List<NodeFile> write(Cluster cluster, List<NodeFile> files, Set<String> changedNodes) {
    mkdirs(pids);
    mkdirs(logs);
    for (NodeFile f : files) {
      if (write(f.hostPath(), f.content(), f.mode())) {
        changedNodes.add(f.node());
      }
      own(f.hostPath(), f.owner());
    }
    List<NodeFile> all = new ArrayList<>(files);
    for (Node node : cluster.nodes()) {
      boolean web = node.has(RoleKind.WEBSERVER) || node.has(RoleKind.STATIC) || node.has(RoleKind.CONTROLLER);
      boolean rendered = files.stream().anyMatch(f -> f.node().equals(node.name())
          && f.nodePath().equals("/etc/nginx/nginx.conf"));
      if (web && !rendered) {
        imageFile(node.name(), "/etc/nginx/nginx.conf").ifPresent(all::add);
      }
      if (web) {
        nginxPackageFiles(node.name(), files).forEach(all::add);
      }
    }
    provision(all);
    return all;
  }

  private LocalResult run(Cluster cluster, List<ServiceSpec> specs, Set<String> changedNodes) {
    Map<String, LocalService> result = new LinkedHashMap<>();
    for (ServiceSpec s : specs) {
      result.put(s.name(), service(s, LocalServiceState.NOT_RUNNING, "", OptionalLong.empty()));
    }
    boolean failed = false;
    for (ServiceSpec s : specs) {
      if (s.skip().isPresent()) {
        result.put(s.name(), service(s, LocalServiceState.SKIPPED, s.skip().get(), OptionalLong.empty()));
      } else if (s.phase() < 0) {
        result.put(s.name(), service(s, LocalServiceState.FAILED, s.note(), OptionalLong.empty()));
        failed = true;
      }
    }
    TreeSet<Integer> phases = specs.stream().filter(s -> s.skip().isEmpty() && s.phase() >= 0)
        .map(ServiceSpec::phase).collect(Collectors.toCollection(TreeSet::new));
    for (int phase : phases) {
      List<ServiceSpec> inPhase = specs.stream().filter(s -> s.skip().isEmpty() && s.phase() == phase)
          .collect(Collectors.toList());
      if (failed) {
        for (ServiceSpec s : inPhase) {
          result.put(s.name(), service(s, LocalServiceState.FAILED,
              "not started: a service it may need failed first", OptionalLong.empty()));
        }
        continue;
      }
      Map<ServiceSpec, Pid> started = new LinkedHashMap<>();
      for (ServiceSpec s : inPhase) {
        Optional<Pid> running = recorded(s.name()).filter(Processes::alive);
        if (running.isPresent()) {
          String note = changedNodes.contains(s.node())
              ? "already running; its node's files changed: destroy and apply again to restart it"
              : "already running";
          result.put(s.name(), service(s, LocalServiceState.RUNNING, note, OptionalLong.of(running.get().pid())));
          continue;
        }
        Optional<Endpoint> taken = s.endpoints().stream().filter(LocalEngine::answers).findFirst();
        if (taken.isPresent()) {
          result.put(s.name(), service(s, LocalServiceState.FAILED, taken.get()
              + " is already in use by a program this run did not start", OptionalLong.empty()));
          failed = true;
          continue;
        }
        try {
          prepareDirs(s);
          if (s.readyLog().isPresent()) {
            Path readyLog = s.readyLog().get();
            logOffsets.put(s.name(), Files.exists(readyLog) ? Files.size(readyLog) : 0L);
          }
          Path log = logs.resolve(s.name() + ".log");
          Pid pid = Processes.start(s.command(), s.cwd(), s.env(), log);
          record(s, pid);
          started.put(s, pid);
        } catch (IOException e) {
          result.put(s.name(), service(s, LocalServiceState.FAILED, "cannot start " + s.command().get(0) + ": "
              + e.getMessage(), OptionalLong.empty()));
          failed = true;
        }
      }
      for (Map.Entry<ServiceSpec, String> e : awaitReady(started).entrySet()) {
        ServiceSpec s = e.getKey();
        String problem = e.getValue();
        long pid = started.get(s).pid();
        if (problem.isEmpty()) {
          result.put(s.name(), service(s, LocalServiceState.STARTED, s.note(), OptionalLong.of(pid)));
        } else {
          result.put(s.name(), service(s, LocalServiceState.FAILED, problem, OptionalLong.of(pid)));
          failed = true;
        }
      }
    }
    return new LocalResult(runDir, List.copyOf(result.values()), url(cluster, result, RoleKind.WEBSERVER),
        url(cluster, result, RoleKind.CONTROLLER));
  }

  private Optional<String> url(Cluster cluster, Map<String, LocalService> result, RoleKind kind) {
    for (Node node : cluster.nodesWith(kind)) {
      LocalService s = result.get("nginx@" + node.name());
      if (s == null || s.endpoints().isEmpty()) {
        continue;
      }
      String own = mapping.address(node.role(kind).orElseThrow().address()).toString();
      String ep = s.endpoints().stream().filter(e -> e.startsWith(own + ":")).findFirst().orElse(s.endpoints().get(0));
      return Optional.of("http://" + ep + "/");
    }
    return Optional.empty();
  }

  private static LocalService service(ServiceSpec s, LocalServiceState state, String detail, OptionalLong pid) {
    return new LocalService(s.name(), s.node(), s.kind(), state, detail, pid,
        s.endpoints().stream().map(Endpoint::toString).collect(Collectors.toList()));
  }

  /** Waits until every started service answers, dies, or the time is up; the value is "" or the problem. */
  private Map<ServiceSpec, String> awaitReady(Map<ServiceSpec, Pid> started) {
    Map<ServiceSpec, String> out = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + options.readyTimeout().toNanos();
    Set<ServiceSpec> waiting = new HashSet<>(started.keySet());
    while (!waiting.isEmpty()) {
      for (ServiceSpec s : List.copyOf(waiting)) {
        if (ready(s)) {
          out.put(s, "");
          waiting.remove(s);
        } else if (!Processes.alive(started.get(s))) {
          out.put(s, "exited before it answered; its log " + logs.resolve(s.name() + ".log") + " ends with: "
              + tail(logs.resolve(s.name() + ".log"), 6));
          waiting.remove(s);
        }
      }
      if (waiting.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        for (ServiceSpec s : waiting) {
          out.put(s, "did not answer on " + s.endpoints() + s.readyLog().map(l -> " / log " + l).orElse("")
              + " within " + options.readyTimeout().toSeconds() + " s; its log " + logs.resolve(s.name() + ".log")
              + " ends with: " + tail(logs.resolve(s.name() + ".log"), 6));
        }
        break;
      }
      Processes.sleep(Duration.ofMillis(100));
    }
    Map<ServiceSpec, String> ordered = new LinkedHashMap<>();
    for (ServiceSpec s : started.keySet()) {
      ordered.put(s, out.get(s));
    }
    return ordered;
  }

  private boolean ready(ServiceSpec s) {
    for (Endpoint e : s.endpoints()) {
      if (!answers(e)) {
        return false;
      }
    }
    if (s.readyLog().isPresent()) {
      Path log = s.readyLog().get();
      try {
        if (!Files.exists(log)) {
          return false;
        }
        byte[] bytes = Files.readAllBytes(log);
        int from = (int) Math.min(bytes.length, logOffsets.getOrDefault(s.name(), 0L));
        return new String(bytes, from, bytes.length - from, java.nio.charset.StandardCharsets.UTF_8)
            .contains(s.readyMarker());
      } catch (IOException | UncheckedIOException e) {
        return false;
      }
    }
    return true;
  }

  static boolean answers(Endpoint e) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(e.host(), e.port()), 300);
      return true;
    } catch (IOException ex) {
      return false;
    }
  }

  private void prepareDirs(ServiceSpec s) {
    mkdirs(s.cwd());
    for (Map.Entry<String, String> e : s.env().entrySet()) {
      if (!e.getValue().startsWith(runDir.toString())) {
        continue;
      }
      Path p = Path.of(e.getValue());
      boolean file = e.getKey().contains("FILE") || e.getKey().contains("DUMP");
      mkdirs(file ? p.getParent() : p);
    }
    s.readyLog().ifPresent(l -> mkdirs(l.getParent()));
  }

  // ================================================================ pid files

  private void record(ServiceSpec s, Pid pid) throws IOException {
    String text = pid.format() + "\n" + s.kind() + "\n" + s.node() + "\n"
        + s.endpoints().stream().map(Endpoint::toString).collect(Collectors.joining(" ")) + "\n";
    Files.writeString(pids.resolve(s.name() + ".pid"), text);
  }

  private Optional<Pid> recorded(String name) {
    Path f = pids.resolve(name + ".pid");
    try {
      return Files.exists(f) ? Pid.parse(Files.readAllLines(f).get(0)) : Optional.empty();
    } catch (IOException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private record Recorded(String name, Pid pid, String kind, String node, List<String> endpoints, Path file) {}

  private List<Recorded> recordedAll() {
    List<Recorded> out = new ArrayList<>();
    if (!Files.isDirectory(pids)) {
      return out;
    }
    try (var stream = Files.list(pids)) {
      for (Path f : stream.filter(p -> p.toString().endsWith(".pid")).sorted().collect(Collectors.toList())) {
        List<String> lines = Files.readAllLines(f);
        Optional<Pid> pid = lines.isEmpty() ? Optional.empty() : Pid.parse(lines.get(0));
        if (pid.isEmpty()) {
          Files.deleteIfExists(f);
          continue;
        }
        String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
        out.add(new Recorded(name, pid.get(), lines.size() > 1 ? lines.get(1) : "", lines.size() > 2 ? lines.get(2) : "",
            lines.size() > 3 && !lines.get(3).isBlank() ? Arrays.asList(lines.get(3).split(" ")) : List.of(), f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** What runs now, from the pid files. */
  public LocalResult status() {
    List<LocalService> services = new ArrayList<>();
    for (Recorded r : recordedAll()) {
      boolean alive = Processes.alive(r.pid());
      services.add(new LocalService(r.name(), r.node(), r.kind(),
          alive ? LocalServiceState.RUNNING : LocalServiceState.NOT_RUNNING, alive ? "" : "recorded but not running",
          OptionalLong.of(r.pid().pid()), r.endpoints()));
    }
    return new LocalResult(runDir, services, Optional.empty(), Optional.empty());
  }

  /** Stops every recorded process group, by pid, front ends first; leaves the files for a look afterwards. */
  public LocalResult destroy() {
    List<Recorded> all = recordedAll();
    Map<String, LocalService> out = new ConcurrentHashMap<>();
    List<List<Recorded>> tiers = new ArrayList<>();
    for (String kind : STOP_ORDER) {
      tiers.add(all.stream().filter(r -> r.kind().equals(kind)).collect(Collectors.toList()));
    }
    tiers.add(all.stream().filter(r -> !STOP_ORDER.contains(r.kind())).collect(Collectors.toList()));
    for (List<Recorded> tier : tiers) {
      List<Thread> threads = new ArrayList<>();
      for (Recorded r : tier) {
        Thread t = new Thread(() -> {
          long t0 = System.nanoTime();
          boolean stopped = Processes.stopGroup(r.pid(), "TERM", options.stopGrace());
          long ms = (System.nanoTime() - t0) / 1_000_000;
          out.put(r.name(), new LocalService(r.name(), r.node(), r.kind(),
              stopped ? LocalServiceState.STOPPED : LocalServiceState.NOT_RUNNING,
              stopped ? "stopped in " + ms + " ms" : "was not running", OptionalLong.of(r.pid().pid()),
              r.endpoints()));
          try {
            Files.deleteIfExists(r.file());
          } catch (IOException e) {
            // reported by the next status
          }
        }, "stop-" + r.name());
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while stopping", e);
        }
      }
    }
    try (var stream = Files.isDirectory(pids) ? Files.list(pids) : java.util.stream.Stream.<Path>empty()) {
      for (Path p : stream.filter(p -> p.toString().endsWith("port")).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<LocalService> ordered = all.stream().map(r -> out.get(r.name())).collect(Collectors.toList());
    return new LocalResult(runDir, ordered, Optional.empty(), Optional.empty());
  }

  /** The pids of every recorded process and its descendants that are alive. */
  public Set<Long> processTrees() {
    Set<Long> roots = new HashSet<>();
    for (Recorded r : recordedAll()) {
      if (Processes.alive(r.pid())) {
        roots.add(r.pid().pid());
      }
    }
    return Processes.trees(roots);
  }

  // ================================================================ files

  /** Writes {@code content} when it differs; true when it did. */
  private static boolean write(Path path, String content, int mode) {
    try {
      if (Files.exists(path) && Files.readString(path).equals(content)) {
        return false;
      }
      mkdirs(path.getParent());
      Files.writeString(path, content);
      Files.setPosixFilePermissions(path, permissions(mode));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * As root, nginx's workers run as www-data and must reach the files under the run directory: every directory above
   * it needs search permission for others. The run's own directories and {@code .stackwright} (whose secrets file
   * stays 0600) get it; any other directory that lacks it is named with the fix.
   */
  private void reachableByServiceUsers() {
    if (!Processes.isRoot()) {
      return;
    }
    for (Path dir = runDir; dir != null; dir = dir.getParent()) {
      try {
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
        if (p.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          continue;
        }
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (dir.startsWith(runDir) || name.equals(".stackwright") || name.equals("local")) {
          p.add(PosixFilePermission.OTHERS_EXECUTE);
          p.add(PosixFilePermission.GROUP_EXECUTE);
          Files.setPosixFilePermissions(dir, p);
        } else {
          throw new dev.stackwright.StackwrightException("nginx's workers (www-data) cannot reach the run directory "
              + runDir + " because " + dir + " has no search permission for others; fix: chmod o+x " + dir
              + ", or choose a run directory elsewhere with LocalRun.builder().runDir(...)");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the permissions of " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Gives a file the rendered owner, as cloud-init would, when this run is root and the user and group exist here
   * (www-data must read the controller's htpasswd, for one); otherwise the file stays the runner's.
   */
  private static void own(Path path, String owner) {
    if (!Processes.isRoot()) {
      return;
    }
    String[] ug = owner.split(":", 2);
    try {
      var lookup = path.getFileSystem().getUserPrincipalLookupService();
      var view = Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class);
      var user = lookup.lookupPrincipalByName(ug[0]);
      var group = lookup.lookupPrincipalByGroupName(ug.length > 1 ? ug[1] : ug[0]);
      if (!view.getOwner().equals(user)) {
        view.setOwner(user);
      }
      if (!view.readAttributes().group().equals(group)) {
        view.setGroup(group);
      }
    } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
      // the user's package is not installed here (the app's own user, say): the runner keeps the file
    } catch (IOException e) {
      throw new UncheckedIOException("cannot give " + path + " to " + owner + ": " + e.getMessage(), e);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        p.add(order[i]);
      }
    }
    return p;
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The files Debian's nginx package puts in /etc/nginx (mime.types, the *_params, snippets/, the enabled modules),
   * which rendered configs include by relative or absolute path; never its nginx.conf or sites, which are the
   * renderer's business.
   */
  private List<NodeFile> nginxPackageFiles(String node, List<NodeFile> rendered) {
    List<NodeFile> out = new ArrayList<>();
    for (String dir : List.of("/etc/nginx", "/etc/nginx/snippets", "/etc/nginx/modules-enabled")) {
      if (!Files.isDirectory(Path.of(dir))) {
        continue;
      }
      try (var list = Files.list(Path.of(dir))) {
        for (Path p : list.sorted().collect(Collectors.toList())) {
          String nodePath = p.toString();
          boolean renderedHere = rendered.stream().anyMatch(f -> f.node().equals(node) && f.nodePath().equals(nodePath));
          if (!Files.isRegularFile(p) || nodePath.equals("/etc/nginx/nginx.conf") || renderedHere
              || Files.exists(mapping.path(node, nodePath))) {
            continue;
          }
          imageFile(node, nodePath).ifPresent(out::add);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** A file the node's image would have (from this machine's packages), mapped like a rendered file. */
  private Optional<NodeFile> imageFile(String node, String nodePath) {
    Path source = Path.of(nodePath);
    if (!Files.isRegularFile(source)) {
      return Optional.empty();
    }
    try {
      String content = mapping.content(node, Files.readString(source));
      Path target = mapping.path(node, nodePath);
      write(target, content, 0644);
      return Optional.of(new NodeFile(node, nodePath, target, 0644, "root:root", content));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Every node path a config names that the renderer did not write is provided the way the node's image would: a
   * package's file under /etc (mime.types, a module list) is copied from this machine and mapped; for anything else
   * the directory it lives in is created (logs, pid files, data).
   */
  private void provision(List<NodeFile> files) {
    Set<String> done = new HashSet<>();
    List<NodeFile> queue = new ArrayList<>(files);
    while (!queue.isEmpty()) {
      NodeFile f = queue.remove(0);
      Path root = mapping.nodeRoot(f.node());
      Matcher m = Pattern.compile(Pattern.quote(root.toString()) + "(/[\\w.@%+=,*-]*)+").matcher(f.content());
      while (m.find()) {
        String mapped = m.group();
        if (!done.add(f.node() + "|" + mapped)) {
          continue;
        }
        String nodePath = mapped.substring(root.toString().length());
        Path target = Path.of(mapped);
        if (nodePath.contains("*")) {
          int slash = nodePath.lastIndexOf('/', nodePath.indexOf('*'));
          Path dir = Path.of(nodePath.substring(0, Math.max(1, slash)));
          PathMatcher glob = dir.getFileSystem().getPathMatcher("glob:" + nodePath);
          mkdirs(mapping.path(f.node(), dir.toString()));
          if (Files.isDirectory(dir) && dir.startsWith("/etc")) {
            try (var list = Files.list(dir)) {
              for (Path p : list.filter(glob::matches).collect(Collectors.toList())) {
                Path to = mapping.path(f.node(), p.toString());
                if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(p)) {
                  imageFile(f.node(), p.toString()).ifPresent(queue::add);
                }
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          continue;
        }
        if (Files.exists(target)) {
          continue;
        }
        Path source = Path.of(nodePath);
        if (nodePath.startsWith("/etc/") && Files.isRegularFile(source)) {
          imageFile(f.node(), nodePath).ifPresent(queue::add);
        } else if (nodePath.endsWith("/")) {
          mkdirs(target);
        } else if (target.getParent() != null) {
          mkdirs(target.getParent());
        }
      }
    }
  }

  /**
   * Puts the application's code where a node that runs it expects it (its home), as cloud-init would have, and
   * collects the static files on static servers.
   */
  private void deploy(Cluster cluster, List<NodeFile> files) {
    if (cluster.application().isEmpty() || options.application().isEmpty()) {
      return;
    }
    var app = cluster.application().get();
    Path source = options.application().get();
    for (Node node : cluster.nodes()) {
      if (!(node.has(RoleKind.APPSERVER) || node.has(RoleKind.WORKER) || node.has(RoleKind.STATIC))) {
        continue;
      }
      Path home = mapping.path(node.name(), app.home());
      copyTree(source, home);
      if (node.has(RoleKind.STATIC)) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STATIC_ROOT", mapping.path(node.name(), app.staticRoot()).toString());
        env.put("DJANGO_STATIC_ROOT", env.get("STATIC_ROOT"));
        // the application's rendered environment on this node, as cloud-init sources it before collectstatic
        files.stream().filter(f -> f.node().equals(node.name()))
            .filter(f -> f.nodePath().endsWith("/" + app.name() + ".env") || f.nodePath().equals("/etc/default/"
                + app.name()) || f.nodePath().startsWith("/etc/" + app.name() + "/") && f.fileName().equals("env"))
            .forEach(f -> env.putAll(ConfigText.envFile(f.content())));
        collectStatic(node.name(), home, mapping.path(node.name(), app.staticRoot()), source, env);
      }
    }
  }

  /**
   * A Django app's static files are collected into the static root ({@code manage.py collectstatic}, which copies
   * only what changed); an app without manage.py has its {@code static/} directory copied there.
   */
  private void collectStatic(String node, Path home, Path staticRoot, Path source, Map<String, String> env) {
    if (Files.isRegularFile(home.resolve("manage.py"))) {
      mkdirs(staticRoot);
      try {
        ProcessBuilder pb = new ProcessBuilder(options.python().toString(), "manage.py", "collectstatic", "--noinput")
            .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", "/usr/bin:/usr/sbin:/bin:/sbin");
        Path log = logs.resolve("collectstatic@" + node + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (p.waitFor() != 0) {
          throw new UncheckedIOException(new IOException("manage.py collectstatic failed in " + home
              + "; its output: " + tail(log, 8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run manage.py collectstatic in " + home + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during collectstatic", e);
      }
    } else if (Files.isDirectory(source.resolve("static"))) {
      copyTree(source.resolve("static"), staticRoot);
    }
  }

  private static void copyTree(Path from, Path to) {
    try {
      Files.walkFileTree(from, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
          if (n.equals("__pycache__") || n.equals(".git")) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          Files.createDirectories(to.resolve(from.relativize(dir).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (file.toString().endsWith(".pyc")) {
            return FileVisitResult.CONTINUE;
          }
          Path target = to.resolve(from.relativize(file).toString());
          if (!Files.exists(target) || Files.mismatch(file, target) != -1) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the application from " + from + " to " + to + ": "
          + e.getMessage(), e);
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log)";
    }
  }
}
