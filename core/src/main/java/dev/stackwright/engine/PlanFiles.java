package dev.stackwright.engine;

import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ServerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a plan's server changes write, file by file, and what each reconfigure and rebuild does on its node: derived
 * from the plan and the files rendered for it, so that {@link Plan#toJson()} and {@code plan --diff} need no cloud.
 */
final class PlanFiles {
  private PlanFiles() {}

  /** The plan with its file changes and node work, and the backend's name. */
  static Plan detailed(Plan plan, String backend, DesiredState desired, RenderedCluster rendered,
      Duration checkTimeout) {
    List<FileChange> files = new ArrayList<>();
    Map<ResourceId, NodeWork> work = new LinkedHashMap<>();
    for (Change c : plan.changes()) {
      if (c.action() == Action.AWAIT || !(c.desired().orElse(null) instanceof ServerSpec want)) {
        continue;
      }
      String node = want.metadata().getOrDefault(DesiredState.META_NODE, want.name());
      if (!rendered.nodes().contains(node)) {
        continue;
      }
      files.addAll(files(want, c, node, rendered));
      NodeIntent intent = desired.nodes().get(c.id());
      if (intent != null && c.action() == Action.RECONFIGURE) {
        work.put(c.id(), reconfigure(NodeUpdates.of(c, rendered, want, intent, checkTimeout), intent));
      } else if (intent != null && c.action() == Action.REBUILD) {
        NodeUpdate booted = NodeUpdates.booted(want, rendered.node(node), intent, checkTimeout);
        work.put(c.id(), new NodeWork(node, intent.host(), intent.via(), List.copyOf(
            Differences.changedPaths(want.fileDigests(), had(c))), List.of(), names(booted.checks()), true));
      }
    }
    return plan.detailed(backend, files, work);
  }

  private static List<FileChange> files(ServerSpec want, Change c, String node, RenderedCluster rendered) {
    Map<String, String> had = had(c);
    List<FileChange> out = new ArrayList<>();
    for (String path : Differences.changedPaths(want.fileDigests(), had)) {
      Optional<String> before = Optional.ofNullable(had.get(path));
      Optional<String> after = Optional.ofNullable(want.fileDigests().get(path));
      Optional<RenderedFile> now = after.flatMap(d -> rendered.file(node, path));
      boolean secret = now.map(RenderedFile::secret).orElse(true);
      boolean counted = before.isEmpty() && now.isPresent() && !secret;
      out.add(new FileChange(node, path, before, after, secret,
          counted ? OptionalInt.of(lines(now.get().content())) : OptionalInt.empty(),
          counted ? OptionalInt.of(0) : OptionalInt.empty(), now.flatMap(RenderedFile::reason)));
    }
    return out;
  }

  private static Map<String, String> had(Change c) {
    return c.current().map(o -> o.spec() instanceof ServerSpec s ? s.fileDigests() : Map.<String, String>of())
        .orElse(Map.of());
  }

  private static NodeWork reconfigure(NodeUpdate update, NodeIntent intent) {
    return new NodeWork(update.node(), intent.host(), intent.via(), update.files().stream().map(NodeFile::path)
        .toList(), names(update.commands()), names(update.checks()), update.reboot());
  }

  private static List<String> names(List<NodeCommand> commands) {
    return commands.stream().map(NodeCommand::name).toList();
  }

  /** How many lines a text has: its line ends, and one more for a last line without one. */
  static int lines(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return text.isEmpty() || text.endsWith("\n") ? n : n + 1;
  }
}
