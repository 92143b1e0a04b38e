package dev.stackwright.render;

import dev.stackwright.model.OnChange;
import dev.stackwright.render.internal.Digests;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node is beside its files, as a running node is compared and changed: the services it runs, the packages and
 * system users its first boot installed (a change of these needs a new boot), the application version it runs, what
 * a redeploy runs there, and how to tell its services work.
 *
 * @param application {@code demo v1.0} when the node runs the application's code
 * @param redeploy the commands a redeploy runs after the files are written (fetch, migrate, collect static files)
 * @param redeployUndo the commands that put the previous version back when a redeploy fails
 * @param redeployUnits the units a redeploy then restarts or reloads
 * @param checks each service's health checks, as commands the node runs
 * @param leadsRedeploy whether its redeploy must end well before other nodes run a new version (it migrates)
 */
public record RenderedNode(String node, List<String> services, List<String> packages, List<String> users,
    Optional<String> application, List<Command> redeploy, List<Command> redeployUndo, List<OnChange> redeployUnits,
    List<Command> checks, boolean leadsRedeploy) {

  /** A named shell command a node runs as root. */
  public record Command(String name, String command) {
    public Command {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(command, "command");
    }
  }

  public RenderedNode {
    Objects.requireNonNull(node, "node");
    services = List.copyOf(services);
    packages = List.copyOf(packages);
    users = List.copyOf(users);
    Objects.requireNonNull(application, "application");
    redeploy = List.copyOf(redeploy);
    redeployUndo = List.copyOf(redeployUndo);
    redeployUnits = List.copyOf(redeployUnits);
    checks = List.copyOf(checks);
  }

  /**
   * A short digest of what only a new boot gives a node: its services and system users, each list sorted. Equal
   * digests mean pushing files (and installing packages, restarting units) is enough.
   */
  public String baseDigest() {
    return Digests.sha256Hex("services=" + services.stream().sorted().toList() + "\nusers="
        + users.stream().sorted().toList() + "\n").substring(0, 12);
  }

  /** A short digest of the packages the node installs, sorted: when it changes, a running node installs them. */
  public String packagesDigest() {
    return Digests.sha256Hex("packages=" + packages.stream().sorted().toList() + "\n").substring(0, 12);
  }
}
