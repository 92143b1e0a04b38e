package dev.stackwright.openstack.internal;

import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.ssh.Dialer;
import dev.stackwright.ssh.SshChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Running servers given a {@link NodeUpdate} over SSH: their addresses from one observation of the cluster
 * ({@link SshAddresses}), their host keys from their consoles, then, only once every check passed, what the update
 * gives recorded in Nova's metadata (the replace the rebuild uses). A failure records nothing.
 */
public final class Reconfigures {
  /**
   * How the backend logs in: the private key, the user, the known-hosts file (default
   * {@code ~/.config/stackwright/<cluster>/known_hosts}), a bastion in place of the jump host's floating IP, and the
   * dialer (plain TCP; a test maps addresses to 127.0.0.1).
   */
  public record Settings(Path privateKey, String user, Optional<Path> knownHosts, Optional<String> bastionHost,
      int bastionPort, Dialer dialer, Duration connectTimeout) {
    public Settings {
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(dialer, "dialer");
    }

    /** The dialer, with the bastion's port for connections to the bastion's port 22. */
    Dialer route() {
      return bastionHost.<Dialer>map(host -> (address, port) -> dialer.open(address,
          address.equals(host) && port == 22 ? bastionPort : port)).orElse(dialer);
    }

    Path knownHostsOf(String cluster) {
      return knownHosts.orElseGet(() -> Path.of(System.getProperty("user.home"), ".config", "stackwright", cluster,
          "known_hosts"));
    }
  }

  private final Settings settings;
  private final RunningServers running;

  Reconfigures(Settings settings, RunningServers running) {
    this.settings = settings;
    this.running = running;
  }

  /**
   * A channel for the call only: its jump host session lives as long as the update, and no SSH thread outlives it
   * (a backend has no close).
   */
  Observed reconfigure(Observation seen, Observed server, NodeUpdate update) {
    SshAddresses.Reach reach = new SshAddresses(seen, running::consoleOutput, settings.bastionHost())
        .of(server, update.via());
    try (SshChannel ssh = SshChannel.builder().user(settings.user()).privateKey(settings.privateKey())
        .knownHosts(settings.knownHostsOf(seen.cluster())).dialer(settings.route())
        .connectTimeout(settings.connectTimeout()).build()) {
      ssh.apply(reach.target(), reach.via(), update);
    }
    running.recordDigests(seen.cluster(), server.cloudId(), update.given(), "reconfigured");
    return new Observed(server.id(), server.cloudId(), update.given().withoutUserData(), server.facts());
  }
}
