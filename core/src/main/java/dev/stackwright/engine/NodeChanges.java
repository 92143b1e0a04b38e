package dev.stackwright.engine;

import dev.stackwright.model.OnChange;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.NodeOperation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a running server whose host reconfigures ({@code UserDataPolicy.RECONFIGURE}) needs, from what it was last
 * given (the digests and metadata it carries) and what the model gives it now: a rebuild when its services or users
 * changed (only a boot sets a service up); else a reconfigure when its packages (installed in place), a file or the
 * application version changed, naming what each change needs; else nothing. A backend that cannot do it makes the rebuild a replacement and the
 * reconfigure drift, said so.
 */
final class NodeChanges {
  private NodeChanges() {}

  /**
   * A change, or drift kept because the backend cannot push (not by the user's choice), or nothing (with a note when
   * only the steps changed).
   */
  record Verdict(Optional<Change> change, Optional<String> drift, Optional<String> note) {
    static final Verdict NONE = new Verdict(Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Verdict of(ServerSpec want, Observed have, DesiredState desired, Capabilities capabilities) {
    ServerSpec had = (ServerSpec) have.spec();
    NodeIntent intent = desired.nodes().get(want.id());
    Optional<String> rebuild = rebuildReason(want, had);
    if (rebuild.isPresent()) {
      boolean data = desired.holdsData(had);
      return capabilities.can(NodeOperation.REBUILD)
          ? change(Action.REBUILD, want, have, rebuild.get() + " -> rebuild keeps its port and addresses", data)
          : change(Action.REPLACE, want, have, rebuild.get() + " (this backend cannot rebuild a server in place)",
              data);
    }
    List<String> reasons = new ArrayList<>();
    if (packagesChanged(want, had)) {
      reasons.add("its packages changed -> install them");
    }
    Optional<String> app = appReason(want, had);
    filesReason(want, had, intent, app.isPresent()).ifPresent(reasons::add);
    app.ifPresent(reasons::add);
    if (reasons.isEmpty()) {
      return want.userDataSha256().equals(had.userDataSha256()) ? Verdict.NONE
          : new Verdict(Optional.empty(), Optional.empty(), Optional.of(want.id() + ": only its first-boot steps"
              + " changed; a running server keeps the ones it booted with, and runs the new ones when it is rebuilt"
              + " or replaced"));
    }
    String reason = String.join("; ", reasons);
    if (!capabilities.can(NodeOperation.RECONFIGURE)) {
      return new Verdict(Optional.empty(), Optional.of(reason + "; this backend cannot change a running server"
          + " (set onUserDataChange(REPLACE) on its host, or delete the server, to boot it with the new files)"),
          Optional.empty());
    }
    return change(Action.RECONFIGURE, want, have, reason, false);
  }

  private static Verdict change(Action action, ServerSpec want, Observed have, String reason, boolean data) {
    return new Verdict(Optional.of(new Change(action, want.id(), Optional.of(want), Optional.of(have), reason,
        data)), Optional.empty(), Optional.empty());
  }

  /** Services added or removed, or the same services with other packages or users; empty when the base is the same. */
  private static Optional<String> rebuildReason(ServerSpec want, ServerSpec had) {
    String before = had.metadata().get(DesiredState.META_BASE);
    Set<String> old = services(had);
    Set<String> now = services(want);
    if (before == null ? old.isEmpty() || old.equals(now) : before.equals(want.metadata().get(DesiredState.META_BASE))) {
      // a server booted before bases were recorded is rebuilt only when its services changed
      return Optional.empty();
    }
    List<String> moves = new ArrayList<>();
    now.stream().filter(s -> !old.contains(s)).forEach(s -> moves.add("+" + s));
    old.stream().filter(s -> !now.contains(s)).forEach(s -> moves.add("-" + s));
    return Optional.of(moves.isEmpty() ? "its system users changed"
        : "services " + String.join(", ", moves) + " (packages and users with them)");
  }

  private static Set<String> services(ServerSpec s) {
    Set<String> names = new LinkedHashSet<>();
    Arrays.stream(s.metadata().getOrDefault(DesiredState.META_ROLES, "").split(",")).map(String::strip)
        .filter(n -> !n.isEmpty()).forEach(names::add);
    return names;
  }

  /**
   * The changed files and what they need: {@code /etc/hosts, /etc/nginx/nginx.conf changed -> reload nginx}; a redeploy
   * the application's new version asks for anyway is said once, by it. Then why a file changed, when the renderer
   * said: {@code certificate of webserver-1 (expires on 2027-01-02, within 30 days) renewed}.
   */
  private static Optional<String> filesReason(ServerSpec want, ServerSpec had, NodeIntent intent,
      boolean redeploying) {
    Set<String> paths = Differences.changedPaths(want.fileDigests(), had.fileDigests());
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    Set<String> needs = new LinkedHashSet<>();
    Set<String> why = new LinkedHashSet<>();
    for (String p : paths) {
      if (intent != null && want.fileDigests().containsKey(p)) {
        intent.reason(p).ifPresent(why::add);
      }
      OnChange c = intent == null ? OnChange.NOTHING : intent.onChange(p);
      boolean saidByTheApplication = redeploying && c.action() == OnChange.Action.REDEPLOY;
      if (c.action() != OnChange.Action.NOTHING && want.fileDigests().containsKey(p) && !saidByTheApplication) {
        // a setting changed, the code did not: the processes that run it read it again
        needs.add(c.action() == OnChange.Action.REDEPLOY ? "restart the application's units" : c.toString());
      }
    }
    String what = had.fileDigests().isEmpty() ? "every file (the server carries no file digests)"
        : String.join(", ", paths.stream().map(p -> want.fileDigests().containsKey(p) ? p : p + " (no longer"
            + " given; left on the node)").toList()) + " changed";
    String because = why.isEmpty() ? "" : "; " + String.join("; ", why);
    if (needs.isEmpty()) {
      return Optional.of((redeploying ? what : what + " -> files only") + because);
    }
    return Optional.of(what + " -> " + String.join(", ", needs) + because);
  }

  /** Whether the node was given other packages (a server booted before they were recorded: not for that alone). */
  static boolean packagesChanged(ServerSpec want, ServerSpec had) {
    String before = had.metadata().get(DesiredState.META_PACKAGES);
    return before != null && !before.equals(want.metadata().get(DesiredState.META_PACKAGES));
  }


  /** {@code application demo v1.0 -> v1.1 -> redeploy}; empty when the node runs no application or the same one. */
  private static Optional<String> appReason(ServerSpec want, ServerSpec had) {
    String now = want.metadata().get(DesiredState.META_APP);
    String before = had.metadata().get(DesiredState.META_APP);
    if (now == null || before == null || now.equals(before)) {
      // a server booted before versions were recorded runs the version it booted with: not redeployed for that
      return Optional.empty();
    }
    return Optional.of("application " + before + " -> " + now.substring(now.indexOf(' ') + 1) + " -> redeploy");
  }
}
