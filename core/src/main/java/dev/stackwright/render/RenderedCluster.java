package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import dev.stackwright.Closest;
import dev.stackwright.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every node's rendered files and the cloud-init user-data that carries them. Immutable and thread-safe. The
 * user-data is itself a file on the node, {@value #USER_DATA_PATH}, where cloud-init keeps it.
 */
public final class RenderedCluster {
  /** Where cloud-init keeps a node's user-data; {@link #writeTo(Path)} writes it there too. */
  public static final String USER_DATA_PATH = "/var/lib/cloud/instance/user-data.txt";

  private final String cluster;
  private final Map<String, List<RenderedFile>> files;
  private final Map<String, RenderedFile> userData;
  private final Map<String, RenderedNode> nodes;
  private final Set<String> readingPending;
  private final List<String> warnings;

  RenderedCluster(String cluster, Map<String, List<RenderedFile>> files, Map<String, RenderedFile> userData,
      Map<String, RenderedNode> nodes) {
    this(cluster, files, userData, nodes, Set.of());
  }

  RenderedCluster(String cluster, Map<String, List<RenderedFile>> files, Map<String, RenderedFile> userData,
      Map<String, RenderedNode> nodes, Set<String> readingPending) {
    this(cluster, files, userData, nodes, readingPending, List.of());
  }

  RenderedCluster(String cluster, Map<String, List<RenderedFile>> files, Map<String, RenderedFile> userData,
      Map<String, RenderedNode> nodes, Set<String> readingPending, List<String> warnings) {
    this.readingPending = Set.copyOf(readingPending);
    this.warnings = List.copyOf(warnings);
    this.nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    this.cluster = cluster;
    Map<String, List<RenderedFile>> copy = new LinkedHashMap<>();
    files.forEach((node, list) -> copy.put(node, List.copyOf(list)));
    this.files = java.util.Collections.unmodifiableMap(copy);
    this.userData = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(userData));
  }

  /** The cluster's name. */
  public String cluster() {
    return cluster;
  }

  /** Every node's name, in the cluster's order. */
  public List<String> nodes() {
    return List.copyOf(files.keySet());
  }

  /** The files the node's user-data writes, in the order it writes them; the user-data itself is not among them. */
  public List<RenderedFile> files(String node) {
    return files.get(known(node));
  }

  /** One file of a node, by its absolute path on the node. */
  public Optional<RenderedFile> file(String node, String path) {
    return files(node).stream().filter(f -> f.path().equals(path)).findFirst();
  }

  /** Every node's files, node by node. */
  public List<RenderedFile> allFiles() {
    List<RenderedFile> all = new ArrayList<>();
    files.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  /** What the node is beside its files: services, packages, application version, redeploy, health checks. */
  public RenderedNode node(String node) {
    return nodes.get(known(node));
  }

  /**
   * The manifest the user-data writes beside the files ({@code /etc/stackwright/manifest.sha256}, each file's
   * SHA-256 and path), as a file of its own: a node given new files gets the new manifest with them.
   */
  public RenderedFile manifestFile(String node) {
    return RenderedFile.of(node, ClusterContext.MANIFEST_PATH, 0644, "root:root", manifestText(files(node)), false);
  }

  static String manifestText(List<RenderedFile> files) {
    StringBuilder manifest = new StringBuilder();
    files.forEach(f -> manifest.append(f.sha256()).append("  ").append(f.path()).append('\n'));
    return manifest.toString();
  }

  /** The node's {@code #cloud-config} user-data: what the server boots with. It holds secrets. */
  public String userData(String node) {
    return userDataFile(node).content();
  }

  /** The user-data as a secret file at {@value #USER_DATA_PATH}. */
  public RenderedFile userDataFile(String node) {
    return userData.get(known(node));
  }

  /**
   * Whether the node's files or user-data read a network fact the render was told is pending
   * ({@link NetworkFacts.Builder#macPending}, {@link NetworkFacts.Builder#publicAddressPending}): the controller's
   * DHCP leases read every node's MAC, Django's allowed hosts the floating IPs. Such a node's user-data is final only
   * once the facts exist. It may say so of a node whose files would come out the same; it never misses one that reads
   * a pending fact.
   */
  public boolean readsPendingFacts(String node) {
    return readingPending.contains(known(node));
  }

  /**
   * What the user should see to before it is too late, which the render itself does not stop at: a TLS certificate
   * of the user's that expires within 30 days, or lacks one of the cluster's domains. A plan shows them as notes.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** The user-data's SHA-256: when it changes, the server needs to boot with the new one. */
  public String userDataSha256(String node) {
    return userDataFile(node).sha256();
  }

  /**
   * The node's manifest, path by path the SHA-256 of each file, in the order of {@link #files(String)}. The user-data
   * carries the same list as {@code /etc/stackwright/manifest.sha256}, so a planner can tell which file changed.
   */
  public Map<String, String> manifest(String node) {
    Map<String, String> m = new LinkedHashMap<>();
    files(node).forEach(f -> m.put(f.path(), f.sha256()));
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Writes every file under {@code dir} as {@code dir/<node>/<absolute path on the node>}, each with its mode (secret
   * files 0600 from the moment they exist), and each node's user-data at {@value #USER_DATA_PATH} under its node
   * directory. Files already there are replaced; other files are left alone.
   */
  public void writeTo(Path dir) {
    for (String node : files.keySet()) {
      for (RenderedFile f : files.get(node)) {
        write(dir, f);
      }
      write(dir, userData.get(node));
    }
  }

  private static void write(Path dir, RenderedFile f) {
    Path target = dir.resolve(f.node()).resolve(f.path().substring(1)).normalize();
    if (!target.startsWith(dir.resolve(f.node()).normalize())) {
      throw new StackwrightException("refusing to write " + f + " outside " + dir);
    }
    try {
      Files.createDirectories(target.getParent());
      AtomicFiles.write(target, f.content().getBytes(StandardCharsets.UTF_8), permissions(f.mode()));
    } catch (IOException e) {
      throw new StackwrightException("cannot write " + f + " to " + target + ": " + e.getMessage(), e);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder s = new StringBuilder();
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }

  private String known(String node) {
    if (!files.containsKey(node)) {
      throw new IllegalArgumentException("cluster " + cluster + " has no node \"" + node + "\""
          + Closest.hint(node, files.keySet()) + "; its nodes are " + files.keySet());
    }
    return node;
  }

  /** A summary: the cluster, and per node how many files; never any content. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RenderedCluster[").append(cluster);
    files.forEach((node, list) -> s.append(", ").append(node).append(": ").append(list.size()).append(" files"));
    return s.append(']').toString();
  }
}
