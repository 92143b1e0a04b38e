package dev.stackwright.nodes;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The day-two benchmark's other side: Debian's Ansible pushing the same file to every node of the rig with
 * {@code copy}, reloading ssh with {@code systemd} when it changed (as stackwright's {@code OnChange.reload("ssh")}
 * does) and running each node's health checks (the commands stackwright's push runs) with {@code shell},
 * forks 5, as {@code debian} with {@code become}, the controller as the jump host (OpenSSH's {@code ProxyJump}), host
 * keys checked against a known-hosts file made from the nodes' consoles ({@code StrictHostKeyChecking yes}). It runs in
 * the rig's bridge namespace, where the controller's address is reachable as it is from an admin's machine. Each run
 * gets a control-path directory of its own, so it opens (and checks) its connections as a user's first run of the
 * day would; the ssh masters Ansible leaves behind ({@code ControlPersist}) are ended by pid after each run.
 */
final class AnsiblePush {
  static final Duration LIMIT = Duration.ofMinutes(5);
  private static final Pattern HOST_KEY = Pattern.compile("(ssh-ed25519|ecdsa-sha2-nistp\\d+|ssh-rsa) (AAAA[0-9A-Za-z+/=]+)");
  private final Path dir;
  private final String namespace;
  private int runs;

  private AnsiblePush(Path dir, String namespace) {
    this.dir = dir;
    this.namespace = namespace;
  }

  /**
   * Writes the inventory, ssh_config, ansible.cfg, playbook and known_hosts into {@code dir}: every node of
   * {@code cluster} at its primary address, its checks from {@code rendered}, its host keys from {@code consoles}
   * (node name to console log). {@code content} is the file's text with {@code {{ gen }}} where the generation goes.
   */
  static AnsiblePush prepare(Path dir, String namespace, Path key, Cluster cluster, RenderedCluster rendered,
      Map<String, String> consoles, String path, String content) throws IOException {
    Files.createDirectories(dir.resolve("local"));
    String controller = cluster.nodes().stream().filter(n -> n.roles().stream()
        .anyMatch(r -> r.kind().name().equals("controller"))).findFirst().orElseThrow().primaryAddress().toString();
    Files.writeString(dir.resolve("known_hosts"), knownHosts(cluster, consoles));
    Files.writeString(dir.resolve("inventory.json"), inventory(cluster, rendered));
    Files.writeString(dir.resolve("ssh_config"), String.join("\n",
        "Host " + controller, "  ProxyJump none",
        "Host *", "  ProxyJump debian@" + controller, "  User debian", "  IdentityFile " + key,
        "  IdentitiesOnly yes", "  UserKnownHostsFile " + dir.resolve("known_hosts"), "  GlobalKnownHostsFile /dev/null",
        "  StrictHostKeyChecking yes", "  BatchMode yes", "  ConnectTimeout 10", ""));
    Files.writeString(dir.resolve("ansible.cfg"), String.join("\n",
        "[defaults]", "inventory = " + dir.resolve("inventory.json"), "host_key_checking = True", "forks = 5",
        "gathering = explicit", "retry_files_enabled = False", "local_tmp = " + dir.resolve("local"),
        "interpreter_python = /usr/bin/python3",
        "[ssh_connection]", "ssh_common_args = -F " + dir.resolve("ssh_config"), ""));
    Files.writeString(dir.resolve("push.yml"), String.join("\n",
        "- hosts: all", "  gather_facts: false", "  become: true", "  tasks:",
        "    - name: push the file",
        "      copy: { content: " + json(content) + ", dest: " + path + ", owner: root, group: root, mode: \"0644\" }",
        "      register: pushed",
        "    - name: reload sshd, which reads it", "      systemd: { name: ssh, state: reloaded }",
        "      when: pushed.changed",
        "    - name: the node's health checks", "      shell: \"{{ checks }}\"",
        "      args: { executable: /bin/bash }", "      changed_when: false", ""));
    return new AnsiblePush(dir, namespace);
  }

  /** One run of the playbook with {@code gen}; {@code pipelining} as Ansible's setting. Its output goes to {@code log}. */
  Result run(String gen, boolean pipelining, Path log) throws IOException, InterruptedException {
    Path controlDir = dir.resolve("cp-" + (++runs));
    Files.createDirectories(controlDir);
    List<String> cmd = List.of("ip", "netns", "exec", namespace, "env", "ANSIBLE_CONFIG=" + dir.resolve("ansible.cfg"),
        "ANSIBLE_PIPELINING=" + (pipelining ? "True" : "False"), "ANSIBLE_SSH_CONTROL_PATH_DIR=" + controlDir,
        "ANSIBLE_NOCOLOR=1", "HOME=" + dir, "ansible-playbook", "-f", "5", "-e", "gen=" + gen,
        dir.resolve("push.yml").toString());
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
    }
    endLeftovers();
    return new Result(seconds, ended && p.exitValue() == 0);
  }

  record Result(double seconds, boolean ok) {}

  /** Ends, by pid, every process whose command line names this benchmark's directory (ssh masters and jumps). */
  void endLeftovers() throws InterruptedException {
    List<ProcessHandle> ours = ProcessHandle.allProcesses().filter(h -> h.pid() != ProcessHandle.current().pid())
        .filter(h -> h.info().commandLine().filter(c -> c.contains(dir.toString())).isPresent()).toList();
    ours.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : ours) {
      try {
        h.onExit().get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        h.destroyForcibly();
      }
    }
  }

  /** Every node's addresses with the host keys between cloud-init's BEGIN/END SSH HOST KEY KEYS lines. */
  static String knownHosts(Cluster cluster, Map<String, String> consoles) {
    StringBuilder out = new StringBuilder();
    for (Node n : cluster.nodes()) {
      String console = consoles.getOrDefault(n.name(), "");
      int from = console.lastIndexOf("-----BEGIN SSH HOST KEY KEYS-----");
      int to = console.indexOf("-----END SSH HOST KEY KEYS-----", Math.max(from, 0));
      if (from < 0 || to < 0) {
        throw new IllegalStateException(n.name() + "'s console shows no host keys; was it booted by cloud-init?");
      }
      String addresses = n.addresses().stream().map(Object::toString).collect(Collectors.joining(","));
      Matcher m = HOST_KEY.matcher(console.substring(from, to));
      while (m.find()) {
        out.append(addresses).append(' ').append(m.group(1)).append(' ').append(m.group(2)).append('\n');
      }
    }
    return out.toString();
  }

  private static String inventory(Cluster cluster, RenderedCluster rendered) {
    List<String> hosts = new ArrayList<>();
    for (Node n : cluster.nodes()) {
      List<RenderedNode.Command> checks = rendered.node(n.name()).checks();
      String all = checks.isEmpty() ? "true"
          : checks.stream().map(RenderedNode.Command::command).collect(Collectors.joining(" && "));
      hosts.add(json(n.name()) + ": {\"ansible_host\": " + json(n.primaryAddress().toString()) + ", \"checks\": "
          + json(all) + "}");
    }
    return "{\"all\": {\"vars\": {\"ansible_user\": \"debian\"}, \"hosts\": {\n  " + String.join(",\n  ", hosts)
        + "\n}}}\n";
  }

  /** {@code s} as a JSON (and so YAML) string. */
  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return b.append('"').toString();
  }
}
