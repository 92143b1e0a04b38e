package dev.stackwright.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.nodes.internal.Host;
import dev.stackwright.nodes.internal.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a nodes backend left on the host after {@code removeAll}: each namespace {@code sw-<hash>*} of its state
 * root, mount under that root, cgroup of its tag, systemd-nspawn process booting a directory under the root,
 * nftables table of ours in the machine's namespace (a port's table lives in the port's namespace, so it is gone with
 * it) and resource still in the state. Empty when nothing is left.
 */
final class NothingLeft {
  private NothingLeft() {}

  /** Fails naming each thing left behind by the backend whose state root is {@code stateRoot}. */
  static void assertNothingLeft(Path stateRoot) {
    assertThat(of(stateRoot)).as("what the nodes backend of " + stateRoot + " left behind").isEmpty();
  }

  static List<String> of(Path stateRoot) {
    String tag = new Names(stateRoot).tag();
    List<String> left = new ArrayList<>();
    namespaces(tag).forEach(n -> left.add("network namespace " + n));
    mountsUnder(stateRoot).forEach(m -> left.add("mount " + m));
    for (String h : List.of("systemd", "unified")) {
      Path cg = Path.of("/sys/fs/cgroup", h, tag);
      if (Files.exists(cg)) {
        left.add("cgroup " + cg);
      }
    }
    nspawnsUnder(stateRoot).forEach(p -> left.add("systemd-nspawn process " + p));
    if (Host.run(List.of("nft", "list", "tables"), null, Duration.ofSeconds(10)).output().contains("stackwright")) {
      left.add("nftables table stackwright in the machine's own namespace");
    }
    stateFiles(stateRoot).forEach(f -> left.add("resource state " + f));
    return left;
  }

  static List<String> namespaces(String tag) {
    try (Stream<Path> s = Files.isDirectory(Path.of("/run/netns")) ? Files.list(Path.of("/run/netns"))
        : Stream.empty()) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.equals(tag) || n.startsWith(tag + "-"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> mountsUnder(Path root) {
    String prefix = root.toAbsolutePath().normalize().toString();
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" ")[4])
          .filter(m -> m.equals(prefix) || m.startsWith(prefix + "/")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pids of nspawn processes booting a directory under {@code root}, with their command lines. */
  static List<String> nspawnsUnder(Path root) {
    String dir = "--directory=" + root.toAbsolutePath().normalize() + "/";
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.filter(p -> p.getFileName().toString().matches("\\d+")).map(p -> {
        try {
          String cmd = Files.readString(p.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
          return cmd.contains("systemd-nspawn") && cmd.contains(dir) ? p.getFileName() + ": " + cmd.strip() : null;
        } catch (IOException | UncheckedIOException e) {
          return null; // ended while we looked
        }
      }).filter(s -> s != null).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> stateFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.map(d -> d.resolve("resource.properties")).filter(Files::exists).map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
