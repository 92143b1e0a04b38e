package dev.stackwright.local.internal;

import dev.stackwright.local.LocalMapping;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.stackwright.local.LocalRunException;
import java.util.concurrent.TimeUnit;

/**
 * Deploys the application as cloud-init would on a VM: its code copied from a local directory into its home on every
 * node that runs it, and {@code manage.py collectstatic} on static servers.
 */
final class Deployment {
  /** collectstatic copies files; a run longer than this is stuck (a prompt, a lock), not slow. */
  private static final Duration COLLECT_STATIC_LIMIT = Duration.ofMinutes(5);

  private final LocalMapping mapping;
  private final LocalOptions options;
  private final RunFiles runFiles;
  private final Path logs;

  Deployment(LocalMapping mapping, LocalOptions options, RunFiles runFiles, Path logs) {
    this.mapping = mapping;
    this.options = options;
    this.runFiles = runFiles;
    this.logs = logs;
  }

  /**
   * Puts the application's code where a node that runs it expects it (its home), as cloud-init would have, and
   * collects the static files on static servers.
   */
  void deploy(Cluster cluster, List<NodeFile> files) {
    if (cluster.application().isEmpty() || options.application().isEmpty()) {
      return;
    }
    var app = cluster.application().get();
    Path source = options.application().get();
    for (Node node : cluster.nodes()) {
      if (!(node.has(BuiltInServices.APPSERVER) || node.has(BuiltInServices.WORKER) || node.has(BuiltInServices.STATIC))) {
        continue;
      }
      Path home = mapping.path(node.name(), app.home());
      copyTree(source, home);
      if (node.has(BuiltInServices.STATIC)) {
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
      runFiles.mkdirs(staticRoot);
      try {
        ProcessBuilder pb = new ProcessBuilder(options.python().toString(), "manage.py", "collectstatic", "--noinput")
            .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PATH", "/usr/bin:/usr/sbin:/bin:/sbin");
        Path log = logs.resolve("collectstatic@" + node + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(COLLECT_STATIC_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new LocalRunException("manage.py collectstatic in " + home + " did not finish within "
              + COLLECT_STATIC_LIMIT.toSeconds() + " s; its output so far (" + log + "): " + LocalEngine.tail(log, 8)
              + "; fix: make collectstatic finish, then apply again; nothing was started", runFiles.runDir());
        }
        if (p.exitValue() != 0) {
          throw new LocalRunException("manage.py collectstatic failed in " + home + " (node " + node + ") with exit"
              + " code " + p.exitValue() + "; its output (" + log + ") ends with: " + LocalEngine.tail(log, 8)
              + "; fix the application in " + source + ", then apply again; nothing was started", runFiles.runDir());
        }
      } catch (IOException e) {
        throw new LocalRunException("cannot run " + options.python() + " manage.py collectstatic in " + home + " ("
            + e.getMessage() + "); fix: install python3, or name another Python with LocalRun.builder().python(...);"
            + " nothing was started", runFiles.runDir());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalRunException("interrupted during manage.py collectstatic in " + home, runFiles.runDir());
      }
    } else if (Files.isDirectory(source.resolve("static"))) {
      copyTree(source.resolve("static"), staticRoot);
    }
  }

  private void copyTree(Path from, Path to) {
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
      throw new LocalRunException("cannot copy the application from " + from + " to " + to + " ("
          + RunFiles.why(e) + "); fix: name a readable directory of the"
          + " application's code with LocalRun.builder().application(...), and a run directory this user can write;"
          + " nothing was started", runFiles.runDir());
    }
  }
}
