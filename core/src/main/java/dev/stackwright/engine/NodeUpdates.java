package dev.stackwright.engine;

import dev.stackwright.model.OnChange;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.RenderedFile;
import dev.stackwright.render.RenderedNode;
import dev.stackwright.render.internal.Shell;
import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.ServerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A reconfigure's {@link NodeUpdate}, made when it runs from the files rendered then: the files whose digests differ
 * from what the server was last given (and the manifest that lists them), then a daemon-reload when a unit file
 * changed, a redeploy's steps (fetch, migrate, collect static files) when the application's version changed, the
 * restarts and reloads the files' {@link OnChange}s name (a unit restarted is not reloaded too; a changed setting of
 * the application restarts the units that run it, its code unchanged), a reboot when a file needs one, and every
 * health check of the node.
 */
final class NodeUpdates {
  static final Duration UNIT_TIMEOUT = Duration.ofMinutes(2);
  static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);
  /** How long a service's health check may take to pass after a change, unless the engine says otherwise. */
  static final Duration CHECK_TIMEOUT = Duration.ofMinutes(2);
  static final Duration BOOT_TIMEOUT = Duration.ofMinutes(20);

  private NodeUpdates() {}

  static NodeUpdate of(Change change, RenderedCluster rendered, ServerSpec given, NodeIntent intent,
      Duration checkTimeout) {
    ServerSpec had = (ServerSpec) change.current().orElseThrow().spec();
    String node = intent.node();
    Set<String> changed = Differences.changedPaths(given.fileDigests(), had.fileDigests());
    List<RenderedFile> files = rendered.files(node).stream().filter(f -> changed.contains(f.path())).toList();
    List<NodeFile> out = new ArrayList<>(files.stream().map(NodeUpdates::file).toList());
    if (!out.isEmpty()) {
      out.add(file(rendered.manifestFile(node)));
    }
    RenderedNode facts = rendered.node(node);
    boolean newVersion = had.metadata().containsKey(DesiredState.META_APP) && !Objects.equals(
        given.metadata().get(DesiredState.META_APP), had.metadata().get(DesiredState.META_APP));
    boolean redeploy = newVersion || needs(files, OnChange.Action.REDEPLOY);
    Set<String> restarts = new LinkedHashSet<>();
    Set<String> reloads = new LinkedHashSet<>();
    List<OnChange> units = new ArrayList<>(files.stream().map(RenderedFile::onChange).toList());
    if (redeploy) {
      units.addAll(facts.redeployUnits());
    }
    for (OnChange c : units) {
      c.unit().ifPresent(u -> (c.action() == OnChange.Action.RESTART ? restarts : reloads).add(u));
    }
    reloads.removeAll(restarts);
    List<NodeCommand> revert = new ArrayList<>();
    if (changed.stream().anyMatch(p -> p.startsWith("/etc/systemd/"))) {
      revert.add(new NodeCommand("daemon-reload", "systemctl daemon-reload", UNIT_TIMEOUT));
    }
    restarts.forEach(u -> revert.add(unit("restart", u)));
    reloads.forEach(u -> revert.add(unit("reload", u)));
    List<NodeCommand> commands = new ArrayList<>(revert);
    if (NodeChanges.packagesChanged(given, had)) {
      // first of the commands, so the units restarted after it exist; the files just written stay (confold); a
      // package no longer named stays installed
      commands.add(0, new NodeCommand("install-packages", "apt-get update -q && DEBIAN_FRONTEND=noninteractive"
          + " apt-get install -y -q -o Dpkg::Options::=--force-confold " + String.join(" ", facts.packages().stream().map(Shell::quote).toList()),
          STEP_TIMEOUT));
    }
    if (newVersion) {
      // a failed redeploy puts the previous code back before the units restart onto the old files
      revert.addAll(0, facts.redeployUndo().stream().map(c -> new NodeCommand(c.name(), c.command(), STEP_TIMEOUT))
          .toList());
      // the new code and its migrations before any unit restarts onto them
      int at = revert.isEmpty() || !revert.get(0).name().equals("daemon-reload") ? 0 : 1;
      commands.addAll(at, facts.redeploy().stream()
          .map(c -> new NodeCommand(c.name(), c.command(), STEP_TIMEOUT)).toList());
    }
    List<NodeCommand> checks = facts.checks().stream()
        .map(c -> new NodeCommand(c.name(), c.command(), checkTimeout)).toList();
    return new NodeUpdate(change.id(), node, intent.via(), out, commands, needs(files, OnChange.Action.REBOOT),
        checks, revert, given);
  }

  /**
   * The checks of a server just booted, nothing pushed: its first boot has ended well ({@code cloud-init status
   * --wait} exits non-zero when a step failed), then its services' checks.
   */
  static NodeUpdate booted(ServerSpec server, RenderedNode facts, NodeIntent intent, Duration checkTimeout) {
    List<NodeCommand> checks = new ArrayList<>();
    checks.add(new NodeCommand("first-boot", "cloud-init status --wait >/dev/null", BOOT_TIMEOUT));
    facts.checks().forEach(c -> checks.add(new NodeCommand(c.name(), c.command(), checkTimeout)));
    return new NodeUpdate(server.id(), intent.node(), intent.via(), List.of(), List.of(), false, checks, List.of(),
        server);
  }

  private static boolean needs(List<RenderedFile> files, OnChange.Action action) {
    return files.stream().anyMatch(f -> f.onChange().action() == action);
  }

  private static NodeCommand unit(String verb, String unit) {
    return new NodeCommand(verb + " " + unit, "systemctl " + verb + " " + Shell.quote(unit), UNIT_TIMEOUT);
  }

  private static NodeFile file(RenderedFile f) {
    return new NodeFile(f.path(), f.owner(), f.mode(), f.secret(), f.content());
  }
}
