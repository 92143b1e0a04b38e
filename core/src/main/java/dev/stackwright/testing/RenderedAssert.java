package dev.stackwright.testing;

import dev.stackwright.Closest;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Assertions on rendered files for topology tests; {@link AssertionError}s showing the nearest mismatch (the most
 * similar line, or the files the node does have).
 *
 * <pre>{@code
 * RenderedAssert.assertThat(rendered).file("webserver-1", "/etc/nginx/sites-enabled/stackwright.conf")
 *     .containsLine("server 10.0.11.1:8000 max_fails=3 fail_timeout=10s;");
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

  /** The file at {@code path} on {@code node}; it must exist. */
  public FileAssert file(String node, String path) {
    if (!rendered.nodes().contains(node)) {
      throw new AssertionError("expected a node " + node + " but the cluster's nodes are " + rendered.nodes());
    }
    Optional<RenderedFile> f = rendered.file(node, path);
    if (f.isEmpty()) {
      throw new AssertionError("expected " + node + " to have " + path + " but it has "
          + rendered.files(node).stream().map(RenderedFile::path).toList());
    }
    return new FileAssert(f.get());
  }

  /** Assertions on one file's text. */
  public static final class FileAssert {
    private final RenderedFile file;

    private FileAssert(RenderedFile file) {
      this.file = file;
    }

    /** A line equal to {@code line} once leading and trailing blanks are ignored. */
    public FileAssert containsLine(String line) {
      List<String> lines = Arrays.stream(file.content().split("\n")).map(String::strip).toList();
      if (!lines.contains(line.strip())) {
        String nearest = Closest.nearest(line.strip(), lines).orElse("");
        throw new AssertionError("expected " + file.node() + ":" + file.path() + " to contain the line\n  " + line
            + "\nnearest line:\n  " + nearest);
      }
      return this;
    }

    /** Every one of {@code lines}. */
    public FileAssert containsLines(String... lines) {
      for (String l : lines) {
        containsLine(l);
      }
      return this;
    }

    public FileAssert doesNotContain(String text) {
      if (file.content().contains(text)) {
        throw new AssertionError("expected " + file.node() + ":" + file.path() + " not to contain \"" + text + "\"");
      }
      return this;
    }

  }
}
