package dev.stackwright.testing;

import dev.stackwright.Closest;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;

/**
 * Assertions on rendered files for topology tests, node by node and file by file, chained across files with
 * {@code and()}. They throw {@link AssertionError}s that name the node and the path and show the nearest mismatch
 * (the most similar line, the nearest path or node); a secret file's content is never shown, nor the text looked for
 * in it.
 *
 * <pre>{@code
 * RenderedAssert.assertThat(rendered)
 *     .node("webserver-1")
 *         .file("/etc/nginx/sites-enabled/stackwright-webserver.conf")
 *             .containsLine("server 10.0.11.1:8000 max_fails=3 fail_timeout=10s;  # appserver-1 on server_all-1")
 *             .matches("^\\s*listen 10\\.0\\.10\\.3:80;$")
 *             .hasMode(0644).hasOwner("root", "root").isNotSecret()
 *         .and()
 *         .file("/etc/hosts").contains("10.0.0.1\tcontroller-1 controller")
 *     .and()
 *     .node("server_all-1")
 *         .file("/etc/rabbitmq/definitions.json").isSecret().hasMode(0600).hasOwner("rabbitmq:rabbitmq");
 * }</pre>
 */
public final class RenderedAssert {
  private final RenderedCluster rendered;

  private RenderedAssert(RenderedCluster rendered) {
    this.rendered = rendered;
  }

  public static RenderedAssert assertThat(RenderedCluster rendered) {
    if (rendered == null) {
      throw new AssertionError("expected rendered files, got null");
    }
    return new RenderedAssert(rendered);
  }

  /** The files of {@code node}, which must be one of the cluster's; a failure names the nearest node. */
  public NodeAssert node(String node) {
    if (!rendered.nodes().contains(node)) {
      throw new AssertionError("expected a node " + node + " but the cluster has none"
          + Closest.nearest(node, rendered.nodes()).map(n -> "; nearest: " + n).orElse("") + "; its nodes are "
          + rendered.nodes());
    }
    return new NodeAssert(this, rendered, node);
  }

  /** The file at {@code path} on {@code node}; it must exist. */
  public FileAssert file(String node, String path) {
    return node(node).file(path);
  }

  /** Which file a failure concerns, and why its content is not shown when it is secret. */
  static String where(RenderedFile file) {
    return file.node() + ":" + file.path() + (file.secret() ? " (a secret file: its content is never shown)" : "");
  }
}
