package dev.stackwright.ssh;

import dev.stackwright.StackwrightException;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.ssh.internal.ConsoleKeys;
import dev.stackwright.ssh.internal.Connector;
import dev.stackwright.ssh.internal.HostKeyCheck;
import dev.stackwright.ssh.internal.KnownHosts;
import dev.stackwright.ssh.internal.Reboots;
import dev.stackwright.ssh.internal.Rollout;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Gives running nodes {@link NodeUpdate}s over SSH (Apache MINA SSHD), as {@code NodeUpdate}'s javadoc says: all or
 * nothing, the old files back on a failure. Logs in as one user with one private key (an OpenSSH key file): root, or
 * a user with passwordless sudo such as a cloud image's {@code debian}. Host keys are trusted as {@link Target} says.
 * Thread-safe: several nodes may be updated at once; a jump host's session is shared by all of them. Close it when
 * done.
 *
 * <pre>{@code
 * try (SshChannel ssh = SshChannel.builder().user("debian").privateKey(Path.of("id_ed25519"))
 *     .knownHosts(Path.of("cluster.known_hosts")).build()) {
 *   ssh.apply(target, Optional.of(jumpHost), update);
 * }
 * }</pre>
 */
public final class SshChannel implements Closeable {
  private final SshClient client;
  private final KnownHosts knownHosts;
  private final Connector connector;
  private final Rollout.Reboot reboot;

  private SshChannel(Builder b, List<KeyPair> keys) {
    this.knownHosts = new KnownHosts(b.knownHosts);
    HostKeyCheck check = new HostKeyCheck(knownHosts);
    this.client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(check);
    client.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(keys));
    // nothing from ~/.ssh/config: every setting is ours
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    // SSH is request and answer in small packets: with Nagle's algorithm each may wait ~40 ms for a delayed ACK (a
    // connect measured 15 ms without, 50-100 with); this covers the sessions and the jump host's local forwards
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    client.start();
    this.connector = new Connector(client, check, b.dialer, b.user, KeyUtils.getFingerPrint(keys.get(0).getPublic()),
        b.port, b.connectTimeout, b.authTimeout);
    this.reboot = b.restart.map(r -> Reboots.by(r, b.rebootTimeout)).orElse(Reboots.overSsh(b.rebootTimeout));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Gives {@code target} the update, through {@code via} (a jump host) when given. Returns once every check passed.
   *
   * @throws dev.stackwright.spi.BackendException {@code UNREACHABLE} (no connection or login: nothing changed),
   *     {@code HOST_KEY} (a key neither pinned nor printed on the console: nothing sent), {@code NODE_FAILED} (a step
   *     failed: the old files are back and {@code revert} ran)
   */
  public void apply(Target target, Optional<Target> via, NodeUpdate update) {
    new Rollout(connector, target, via, update, reboot).run();
  }

  /**
   * Pins the host keys {@code console} shows for {@code address} in place of those the known-hosts file held: for a
   * node booted again from scratch (a rebuild), whose keys are new. Returns how many keys were pinned.
   */
  public int pinFromConsole(String address, String console) {
    var keys = ConsoleKeys.parse(console);
    knownHosts.replace(address, keys);
    return keys.size();
  }

  /** Forgets {@code address}'s keys: the next connection trusts only what the node's console shows then. */
  public void forget(String address) {
    knownHosts.forget(address);
  }

  /** Closes the jump hosts' sessions and the client. */
  @Override
  public void close() {
    connector.close();
    client.stop();
  }

  /** Configures the channel: the user, the key, the known-hosts file, the dialer, the time limits. */
  public static final class Builder {
    private String user = "root";
    private Path privateKey;
    private Path knownHosts;
    private Dialer dialer = Dialer.direct();
    private int port = 22;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration authTimeout = Duration.ofSeconds(15);
    private Duration rebootTimeout = Duration.ofSeconds(300);
    private Optional<Consumer<Target>> restart = Optional.empty();

    private Builder() {}

    /** The login user: {@code root}, or one with passwordless sudo ({@code debian} on Debian's cloud images). */
    public Builder user(String name) {
      if (!name.matches("[a-z_][a-z0-9_-]*")) {
        throw new IllegalArgumentException("an SSH user is a login name such as debian or root, not \"" + name + "\"");
      }
      this.user = name;
      return this;
    }

    /** The private key, an OpenSSH key file without a passphrase: the half of the keypair the nodes booted with. */
    public Builder privateKey(Path file) {
      this.privateKey = file;
      return this;
    }

    /** The cluster's own known-hosts file (OpenSSH's format); made when missing. */
    public Builder knownHosts(Path file) {
      this.knownHosts = file;
      return this;
    }

    /** The port the nodes' sshd listens on: 22 unless a test's own server says otherwise. */
    public Builder port(int p) {
      if (p < 1 || p > 65535) {
        throw new IllegalArgumentException("an SSH port is 1 to 65535, not " + p);
      }
      this.port = p;
      return this;
    }

    public Builder dialer(Dialer d) {
      this.dialer = Objects.requireNonNull(d, "dialer");
      return this;
    }

    /** How long a TCP connection may take; the key exchange and login get {@link #authTimeout}. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder authTimeout(Duration d) {
      this.authTimeout = d;
      return this;
    }

    /** How long a node may take to come back from a reboot an update asks for. */
    public Builder rebootTimeout(Duration d) {
      this.rebootTimeout = d;
      return this;
    }

    /**
     * How a node is rebooted when an update asks: by {@code restart} (a backend's own means, such as a container
     * started again) rather than {@code systemctl reboot} over SSH.
     */
    public Builder restartWith(Consumer<Target> restart) {
      this.restart = Optional.of(restart);
      return this;
    }

    /** The channel, once its key loads. */
    public SshChannel build() {
      if (privateKey == null || knownHosts == null) {
        throw new StackwrightException("the SSH channel needs privateKey(...) and knownHosts(...)");
      }
      return new SshChannel(this, load(privateKey));
    }

    private static List<KeyPair> load(Path file) {
      List<KeyPair> out = new ArrayList<>();
      try (InputStream in = Files.newInputStream(file)) {
        SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null).forEach(out::add);
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        throw new StackwrightException("cannot load the SSH private key " + file + ": " + e.getMessage() + "; give an"
            + " OpenSSH private key file without a passphrase (ssh-keygen -t ed25519 -N '' -f FILE)", e);
      }
      if (out.isEmpty()) {
        throw new StackwrightException("the SSH private key file " + file + " holds no key; give an OpenSSH private"
            + " key file (ssh-keygen -t ed25519 -N '' -f FILE)");
      }
      return out;
    }
  }
}
