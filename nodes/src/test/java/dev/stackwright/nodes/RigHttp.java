package dev.stackwright.nodes;

import dev.stackwright.nodes.internal.Host;
import dev.stackwright.nodes.internal.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Requests from inside the rig's bridge namespace, and commands inside a node. */
final class RigHttp {
  record Answer(int status, String body) {}

  private RigHttp() {}

  /** GET {@code url} with curl in the bridge's namespace; {@code userPassword} as basic auth when given. */
  static Answer get(TestRig rig, String url, String userPassword) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", rig.nodes.bridgeNamespace(), "curl", "-sS",
        "--max-time", "20", "-w", "\n%{http_code}"));
    if (userPassword != null) {
      cmd.addAll(List.of("-u", userPassword));
    }
    cmd.add(url);
    String out = Host.run(cmd, null, Duration.ofSeconds(30)).output();
    int nl = out.lastIndexOf('\n');
    try {
      return new Answer(Integer.parseInt(out.substring(nl + 1).strip()), out.substring(0, Math.max(nl, 0)));
    } catch (NumberFormatException e) {
      return new Answer(-1, out);
    }
  }

  /** Runs {@code command} inside the container of the server whose name starts with {@code server}. */
  static Host.Result inNode(TestRig rig, String server, String... command) throws IOException {
    Path parent = cgroupParent(rig);
    String prefix = Names.sanitise(server);
    try (var machines = Files.list(parent)) {
      Path m = machines.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
      for (String pid : NodesHealthWait.procs(m)) {
        if (Files.readAllLines(Path.of("/proc", pid, "status")).stream()
            .anyMatch(l -> l.startsWith("NSpid:") && l.strip().endsWith("\t1"))) {
          List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", pid, "-a"));
          cmd.addAll(List.of(command));
          return Host.run(cmd, null, Duration.ofSeconds(30));
        }
      }
    }
    throw new IllegalStateException("no running container for " + server + " under " + parent);
  }

  static Path cgroupParent(TestRig rig) {
    return Path.of("/sys/fs/cgroup/unified", new Names(rig.stateRoot).cgroupParent());
  }
}
