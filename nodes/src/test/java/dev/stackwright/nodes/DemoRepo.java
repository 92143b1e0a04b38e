package dev.stackwright.nodes;

import dev.stackwright.nodes.internal.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Publishes the demo application as a bare repository with a tag, as git daemon serves it to the nodes. */
final class DemoRepo {
  /** The demo application's sources in the repository (tests run in the nodes module's directory). */
  static final Path DEMO = Path.of("../examples/src/main/python/demo").toAbsolutePath().normalize();

  private DemoRepo() {}

  /** {@code gitRoot/NAME.git}, holding DEMO's files as branch and tag {@code version}; replaces one there. */
  static Path publish(Path gitRoot, String name, String version) throws IOException {
    Path work = Files.createTempDirectory("stackwright-demo-");
    Path bare = gitRoot.resolve(name + ".git");
    try {
      Host.ok("cp", "-a", DEMO + "/.", work.toString());
      Host.ok("rm", "-rf", work.resolve(".git").toString(), bare.toString());
      Files.createDirectories(gitRoot);
      git(work, "init", "-q", "-b", version);
      git(work, "add", "-A");
      git(work, "-c", "user.name=stackwright-test", "-c", "user.email=test@stackwright.invalid", "commit", "-q",
          "-m", name + " " + version);
      git(work, "tag", version);
      Host.ok("git", "clone", "-q", "--bare", work.toString(), bare.toString());
      Host.ok("git", "-C", bare.toString(), "update-server-info");
      return bare;
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Adds to {@code bare} a commit on top of its branch, tagged {@code version}: a new release of the same code. */
  static void addVersion(Path bare, String version) throws IOException {
    Path work = Files.createTempDirectory("stackwright-demo-");
    try {
      Host.ok("git", "clone", "-q", bare.toString(), work.resolve("w").toString());
      Path w = work.resolve("w");
      git(w, "-c", "user.name=stackwright-test", "-c", "user.email=test@stackwright.invalid", "commit", "-q",
          "--allow-empty", "-m", "release " + version);
      git(w, "tag", version);
      git(w, "push", "-q", "origin", "refs/tags/" + version);
      Host.ok("git", "-C", bare.toString(), "update-server-info");
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void git(Path dir, String... args) {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "git";
    cmd[1] = "-C";
    cmd[2] = dir.toString();
    System.arraycopy(args, 0, cmd, 3, args.length);
    Host.ok(cmd);
  }
}
