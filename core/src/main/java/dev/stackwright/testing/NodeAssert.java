package dev.stackwright.testing;

import dev.stackwright.Closest;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assertions on one node's rendered files, from {@link RenderedAssert#node(String)}: {@link #file(String)} narrows to
 * one file, whose {@code and()} comes back here; {@link #node(String)} goes on with another node. The user-data is
 * a file too, at {@link RenderedCluster#USER_DATA_PATH} (secret).
 */
public final class NodeAssert {
  private final RenderedAssert cluster;
  private final RenderedCluster rendered;
  private final String node;

  NodeAssert(RenderedAssert cluster, RenderedCluster rendered, String node) {
    this.cluster = cluster;
    this.rendered = rendered;
    this.node = node;
  }

  /** The file at {@code path}; a failure names the nearest path the node has, and lists them. */
  public FileAssert file(String path) {
    Optional<RenderedFile> f = find(path);
    if (f.isEmpty()) {
      throw new AssertionError("expected " + node + " to have " + path + " but it has no such file"
          + Closest.nearest(path, paths()).map(p -> "; nearest: " + p).orElse("") + "; it has " + paths());
    }
    return new FileAssert(this, f.get());
  }

  /** The node has no file at {@code path}. */
  public NodeAssert doesNotHaveFile(String path) {
    if (find(path).isPresent()) {
      throw new AssertionError("expected " + node + " not to have " + path + " but it has " + find(path).get());
    }
    return this;
  }

  /** Goes on with another node's files. */
  public NodeAssert node(String other) {
    return cluster.node(other);
  }

  /** Back to the cluster's files. */
  public RenderedAssert and() {
    return cluster;
  }

  private Optional<RenderedFile> find(String path) {
    if (path.equals(RenderedCluster.USER_DATA_PATH)) {
      return Optional.of(rendered.userDataFile(node));
    }
    return rendered.file(node, path);
  }

  private List<String> paths() {
    List<String> paths = new ArrayList<>();
    rendered.files(node).forEach(f -> paths.add(f.path()));
    paths.add(RenderedCluster.USER_DATA_PATH);
    return paths;
  }
}
