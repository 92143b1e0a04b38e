package dev.stackwright.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster's entry points, as a user opens them after an apply: the load balancer's URL, the controller's admin
 * URL, every floating IP with its node, and the SSH command to reach the controller (and an inner node through it).
 * Derived from the model and one observation ({@link Engine#outputs}, {@link ApplyResult#outputs()}): the load
 * balancer is the service with the public HTTP entry that is not the jump host, the controller the jump host, each
 * at its floating IP when it has one, else at its fixed address, on the port its descriptor names {@code http}.
 * Only nodes whose server exists are named.
 *
 * @param cluster the cluster's name
 * @param backend the backend's name ({@code memory}, {@code openstack}, {@code local}...)
 * @param loadBalancerUrl the first load balancer's URL, {@code http://203.0.113.10/}
 * @param adminUrl the controller's admin pages, {@code http://203.0.113.11/}
 * @param floatingIps every floating IP of the cluster with its node, in node order
 * @param ssh how to reach the controller (and an inner node through it) over SSH
 * @param note what the user must know about these addresses, such as that a simulated cloud's cannot be reached
 */
public record Outputs(String cluster, String backend, Optional<String> loadBalancerUrl, Optional<String> adminUrl,
    List<FloatingIp> floatingIps, Optional<Ssh> ssh, Optional<String> note) {

  /** The version of {@link #toJson()}'s shape: a key removed or changed in meaning makes it 2. */
  public static final int JSON_FORMAT = 1;

  public Outputs {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(loadBalancerUrl, "loadBalancerUrl");
    Objects.requireNonNull(adminUrl, "adminUrl");
    floatingIps = List.copyOf(floatingIps);
    Objects.requireNonNull(ssh, "ssh");
    Objects.requireNonNull(note, "note");
  }

  /** A public address of the cluster and the node it is bound to. */
  public record FloatingIp(String node, String address) {
    public FloatingIp {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * SSH to the jump host (the controller) as the image's user, and to one inner node through it.
   *
   * @param user the image's user ({@code debian} on Debian's cloud images)
   * @param host the jump host's address as reached from outside: its floating IP, else its fixed address
   * @param identityFile the private key, when known (the private half of {@code --public-key})
   * @param innerNode an inner node, as an example of the jump, with {@code innerAddress} its address inside
   */
  public record Ssh(String user, String host, Optional<Path> identityFile, Optional<String> innerNode,
      Optional<String> innerAddress) {
    public Ssh {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(identityFile, "identityFile");
      Objects.requireNonNull(innerNode, "innerNode");
      Objects.requireNonNull(innerAddress, "innerAddress");
      if (innerNode.isPresent() != innerAddress.isPresent()) {
        throw new IllegalArgumentException("an inner node needs its address, and an address its node");
      }
    }

    /** {@code ssh -i KEY debian@HOST}. */
    public String command() {
      return "ssh " + identity() + user + "@" + host;
    }

    /**
     * The command to the inner node through the jump host: {@code ssh -J debian@HOST debian@10.0.11.1}. ssh gives
     * {@code -i} to the destination only, not to a jump host ({@code ssh(1)}, {@code -J}), so a key ssh would not
     * try by itself is given to both hops through a {@code ProxyCommand} instead.
     */
    public Optional<String> innerCommand() {
      return innerAddress.map(inner -> identityFile.filter(k -> !triedByDefault(k))
          .map(k -> "ssh " + identity() + "-o ProxyCommand=\"ssh " + identity() + "-W %h:%p " + user + "@" + host
              + "\" " + user + "@" + inner)
          .orElse("ssh " + identity() + "-J " + user + "@" + host + " " + user + "@" + inner));
    }

    private String identity() {
      return identityFile.map(k -> "-i " + quoted(k.toString()) + " ").orElse("");
    }

    /** The identity files ssh tries when none is named (ssh_config(5), IdentityFile). */
    private static boolean triedByDefault(Path key) {
      Path name = key.getFileName();
      return name != null && key.getParent() != null && key.getParent().endsWith(".ssh")
          && List.of("id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk").contains(name.toString());
    }

    private static String quoted(String path) {
      return path.matches("[A-Za-z0-9_./~+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
  }

  /** The same outputs, with {@code privateKey} in the SSH commands. */
  public Outputs withIdentityFile(Path privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    return new Outputs(cluster, backend, loadBalancerUrl, adminUrl, floatingIps, ssh.map(s -> new Ssh(s.user(),
        s.host(), Optional.of(privateKey), s.innerNode(), s.innerAddress())), note);
  }

  /** True when no server of the cluster exists: nothing to open yet. */
  public boolean isEmpty() {
    return loadBalancerUrl.isEmpty() && adminUrl.isEmpty() && floatingIps.isEmpty() && ssh.isEmpty();
  }

  /** One line per entry point, then the note; "nothing applied yet" when empty. */
  public String render() {
    if (isEmpty()) {
      return "Outputs: none yet; cluster " + cluster + " has no server on the " + backend + " backend (apply makes"
          + " them).\n";
    }
    List<String> lines = new ArrayList<>();
    lines.add("Outputs:");
    loadBalancerUrl.ifPresent(u -> lines.add("  load balancer:  " + u));
    adminUrl.ifPresent(u -> lines.add("  admin:          " + u));
    floatingIps.forEach(f -> lines.add("  floating IP:    " + f.address() + " (" + f.node() + ")"));
    ssh.ifPresent(s -> {
      lines.add("  ssh controller: " + s.command());
      s.innerCommand().ifPresent(c -> lines.add("  ssh inner node: " + c + "   (" + s.innerNode().orElseThrow() + ")"));
    });
    note.ifPresent(n -> lines.add("  (" + n + ")"));
    return String.join("\n", lines) + "\n";
  }

  /** The outputs as JSON, in the shape docs/engine.md lists ("Outputs"); absent values are {@code null}. */
  public String toJson() {
    return OutputsJson.write(this);
  }

  @Override
  public String toString() {
    return render();
  }
}
