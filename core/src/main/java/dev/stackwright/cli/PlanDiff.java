package dev.stackwright.cli;

import dev.stackwright.engine.FileChange;
import dev.stackwright.engine.Plan;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code plan --diff}: after the plan, a unified diff of each file its changes write, node by node, headed {@code
 * a/<node>/<path>} and {@code b/<node>/<path>} (the layout {@code render DIR} and {@code apply --out} write, so {@code
 * patch -p1} applies it there). The previous content is the one kept at the last apply on this machine, and only while
 * the cloud records its digest for that node and path; otherwise the diff says so and shows the new file. A secret
 * file shows no content at all, only that it changed; a secret's value cannot be in another file, since the renderer
 * marks any file holding one secret. Also counts each file's lines added and removed, for {@code plan --json}.
 */
final class PlanDiff {
  /** The help text of plan's {@code --json} and {@code --diff}, for {@code --help}. */
  /** The diff's text and the plan's file changes with the lines counted where the previous content is known. */
  record Result(String text, List<FileChange> counted) {}

  private PlanDiff() {}

  static Result of(Plan plan, RenderedCluster rendered, AppliedFiles kept) {
    StringBuilder s = new StringBuilder();
    List<FileChange> counted = new ArrayList<>();
    s.append(plan.fileChanges().isEmpty() ? "\nNo file changes.\n"
        : "\nFile changes (secret files masked; previous contents kept at the last apply on this machine):\n");
    for (FileChange f : plan.fileChanges()) {
      s.append('\n');
      counted.add(file(f, rendered, kept, s));
    }
    return new Result(s.toString(), counted);
  }

  private static FileChange file(FileChange f, RenderedCluster rendered, AppliedFiles kept, StringBuilder s) {
    String a = "a/" + f.node() + f.path();
    String b = "b/" + f.node() + f.path();
    // why it changed, when stackwright knows (a certificate renewed); a line patch skips
    f.reason().ifPresent(r -> s.append(f.node()).append(':').append(f.path()).append(": ").append(r).append('\n'));
    if (f.secret() && f.newDigest().isPresent()) {
      s.append("--- ").append(a).append("\n+++ ").append(b).append("\nsecret file ").append(f.status())
          .append(": content not shown (digest ").append(f.oldDigest().orElse("none")).append(" -> ")
          .append(f.newDigest().get()).append(")\n");
      return f;
    }
    if (f.newDigest().isEmpty()) {
      s.append(f.node()).append(':').append(f.path()).append(": no longer given; left on the node as it is (digest ")
          .append(f.oldDigest().orElseThrow()).append(")\n");
      return f;
    }
    Optional<RenderedFile> now = rendered.file(f.node(), f.path())
        .filter(r -> ServerSpec.fileDigestOf(r.sha256()).equals(f.newDigest().get()));
    if (now.isEmpty()) {
      s.append(f.node()).append(':').append(f.path()).append(": rendered again when the change runs (it names ports"
          + " or addresses the plan makes first); digest now ").append(f.newDigest().get()).append('\n');
      return f;
    }
    String after = now.get().content();
    Optional<String> before = f.oldDigest().isEmpty() ? Optional.of("")
        : kept.content(f.node(), f.path(), f.oldDigest().get());
    if (before.isEmpty()) {
      s.append(f.node()).append(':').append(f.path()).append(": previous content not known on this machine (digest ")
          .append(f.oldDigest().get()).append("); the new file:\n");
    }
    Optional<UnifiedDiff> diff = UnifiedDiff.of(before.orElse(""), after);
    if (diff.isEmpty()) {
      s.append(f.node()).append(':').append(f.path()).append(": too large to diff here (")
          .append(UnifiedDiff.lines(before.orElse("")).size()).append(" -> ")
          .append(UnifiedDiff.lines(after).size()).append(" lines)\n");
      return f;
    }
    String text = diff.get().text(before.isPresent() && f.oldDigest().isPresent() ? a : "/dev/null", b);
    s.append(text.isEmpty() ? f.node() + ":" + f.path() + ": an empty file\n" : text);
    return before.isPresent() ? f.withLines(diff.get().added(), diff.get().removed()) : f;
  }
}
