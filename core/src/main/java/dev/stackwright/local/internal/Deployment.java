package dev.stackwright.local.internal;

import dev.stackwright.local.LocalMapping;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import dev.stackwright.local.LocalRunException;
import java.util.concurrent.TimeUnit;

/**
 * Deploys the application as cloud-init would on a VM: its code copied from a local directory into its home on every
 * node with a service that runs it, then the services' setup steps (collecting static files), each to completion.
 */
final class Deployment {
  /** A setup step copies or collects files; one longer than this is stuck (a prompt, a lock), not slow. */
  private static final Duration SETUP_LIMIT = Duration.ofMinutes(5);

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
   * Puts the application's code into its home on each of {@code nodes} that runs it, then runs their setup steps in
   * order: on a first apply every node, later the new ones and those the application is redeployed to.
   */
  void deploy(Cluster cluster, List<ServiceSpec> specs, Set<String> nodes) {
    if (cluster.application().isPresent() && options.application().isPresent()) {
      Path source = options.application().get();
      for (Node node : cluster.nodes()) {
        if (nodes.contains(node.name()) && node.roles().stream().anyMatch(r -> r.kind().runsApplication())) {
          copyTree(source, mapping.path(node.name(), cluster.application().get().home()));
        }
      }
    }
    for (ServiceSpec s : specs) {
      if (s.setup() && s.skip().isEmpty() && s.problem().isEmpty() && nodes.contains(s.node())) {
        setup(s);
      }
    }
  }

  /** Runs a setup step to completion; a failure stops the apply before any service starts. */
  private void setup(ServiceSpec s) {
    runFiles.mkdirs(s.cwd());
    Path log = logs.resolve(s.name() + ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(s.command()).directory(s.cwd().toFile()).redirectErrorStream(true);
      pb.environment().putAll(s.env());
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      if (!p.waitFor(SETUP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new LocalRunException(s.name() + " (" + String.join(" ", s.command()) + " in " + s.cwd() + ") did not"
            + " finish within " + SETUP_LIMIT.toSeconds() + " s; its output so far (" + log + "): "
            + Supervisor.tail(log, 8) + "; fix: make it finish, then apply again; nothing was started",
            runFiles.runDir());
      }
      if (p.exitValue() != 0) {
        throw new LocalRunException(s.name() + " (" + String.join(" ", s.command()) + " in " + s.cwd() + ") failed"
            + " with exit code " + p.exitValue() + "; its output (" + log + ") ends with: " + Supervisor.tail(log, 8)
            + "; fix what it says (the application in " + options.application().map(Path::toString).orElse("?")
            + "), then apply again; nothing was started", runFiles.runDir());
      }
    } catch (IOException e) {
      throw new LocalRunException("cannot run " + s.name() + " (" + String.join(" ", s.command()) + " in " + s.cwd()
          + ": " + e.getMessage() + "); fix: " + s.installHint() + "; nothing was started", runFiles.runDir());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted during " + s.name(), runFiles.runDir());
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
