package dev.stackwright.openstack;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Created;
import dev.stackwright.spi.ExistingNetwork;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.ImageReleases;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerSpec;
import dev.stackwright.openstack.internal.CloudBackend;
import dev.stackwright.model.OsRelease;
import dev.stackwright.openstack.internal.CloudClient;
import dev.stackwright.openstack.internal.Lookups;
import dev.stackwright.openstack.internal.Reconfigures;
import dev.stackwright.openstack.internal.Settings;
import dev.stackwright.ssh.Dialer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The backend that makes a cluster real on an OpenStack cloud, through openstack4j. Thread-safe and meant to be
 * shared: it keeps one token for all threads and renews it before it expires.
 *
 * <pre>{@code
 * OpenStackBackend cloud = OpenStackBackend.fromEnvironment()               // OS_* variables or OS_CLOUD
 *     .orElseThrow(() -> new IllegalStateException("source an openrc file first"));
 * OpenStackBackend custom = OpenStackBackend.builder()
 *     .credentials(OpenStackCredentials.fromOpenrc(Path.of("demo-openrc")))
 *     .serverDeadline(Duration.ofMinutes(5))
 *     .sshKey(Path.of("id_ed25519"))                                      // day two: new files over SSH
 *     .build();
 * }</pre>
 */
public final class OpenStackBackend implements Backend {
  private final OpenStackCredentials credentials;
  private final CloudClient client;
  private final CloudBackend calls;

  private OpenStackBackend(Builder b) {
    this.credentials = b.credentials;
    this.client = CloudClient.create(b.credentials, b.settings());
    this.calls = new CloudBackend(client, b.parallelism != null ? b.parallelism : 8,
        b.portsPerRequest != null ? b.portsPerRequest : CloudBackend.PORTS_PER_REQUEST,
        b.serversPerBatch != null ? b.serversPerBatch : CloudBackend.SERVERS_PER_BATCH, b.ssh());
  }

  @Override
  public String name() {
    return "openstack " + credentials;
  }

  @Override
  public Capabilities capabilities() {
    return calls.capabilities();
  }

  /**
   * Each image's Glance properties os_distro and os_version against the release the cluster declares: one image
   * list per image name, remembered for the servers' boots.
   */
  @Override
  public List<String> checkImages(Map<String, OsRelease> images) {
    List<String> notes = new ArrayList<>();
    images.forEach((name, declared) -> {
      Lookups.ImageRef image = client.lookups().imageRef(name);
      ImageReleases.check(name, image.osDistro(), image.osVersion(), declared).ifPresent(notes::add);
    });
    return notes;
  }

  /**
   * The network by name in Neutron, and of it the one IPv4 subnet (its range, {@code gateway_ip} and
   * {@code allocation_pools}), the subnet read anew each time: one request once the network's id is known, two the
   * first time. A network the project does not see is NOT_FOUND with the names it has; one with no IPv4 subnet or
   * several, or two networks of the name, an error saying so.
   */
  @Override
  public Optional<ExistingNetwork> describeNetwork(String name) {
    return calls.describeNetwork(name);
  }

  @Override
  public Observation observe(String cluster) {
    return calls.observe(cluster);
  }

  @Override
  public Optional<Observed> find(String cluster, ResourceId id) {
    return calls.find(cluster, id);
  }

  @Override
  public Observed create(String cluster, ResourceSpec spec, References refs) {
    return calls.create(cluster, spec, refs);
  }

  /**
   * Ports and security groups go to Neutron in bulk requests (many in one POST, then their tags; a batch of groups'
   * rules in one more); servers are booted together and waited for with one list request a poll.
   */
  @Override
  public List<Created> createAll(String cluster, List<ResourceSpec> specs, References refs) {
    return calls.createAll(cluster, specs, refs);
  }

  /** New security groups' links: the groups read in one request, the rules they lack added in one more. */
  @Override
  public List<Created> updateAll(String cluster, List<Observed> current, List<ResourceSpec> desired,
      References refs) {
    if (desired.isEmpty() || !desired.stream().allMatch(d -> d instanceof SecurityGroupSpec)) {
      return Backend.super.updateAll(cluster, current, desired, refs);
    }
    return calls.updateGroups(cluster, current, desired.stream().map(SecurityGroupSpec.class::cast).toList(), refs);
  }

  @Override
  public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    return calls.update(cluster, current, desired, refs);
  }

  @Override
  public void delete(String cluster, Observed current) {
    calls.delete(cluster, current);
  }

  /**
   * Nova's rebuild with the new user-data (compute microversion 2.57): same server id, port and addresses, the image
   * it runs unless {@code desired} names another. Returns once it is ACTIVE (within the server deadline), its new
   * digests recorded in its metadata.
   */
  @Override
  public Observed rebuild(String cluster, Observed current, ServerSpec desired, References refs) {
    return calls.rebuild(cluster, current, desired, refs);
  }

  /**
   * Over SSH (Apache MINA SSHD) as the builder's {@link Builder#sshUser user} with its {@link Builder#sshKey key}:
   * through the jump host the update names, reached at its floating IP (or the {@link Builder#bastion bastion}),
   * to the server's first fixed address; without one, to the server's own floating IP. Host keys are trusted from
   * the known-hosts file, else from the server's console. On success the update's digests and metadata replace the
   * server's Nova metadata; on a failure nothing is written to Nova.
   */
  @Override
  public Observed reconfigure(String cluster, Observed server, NodeUpdate update) {
    return calls.reconfigure(cluster, server, update);
  }

  /**
   * The last 2,000 lines of the server's console log (Nova's os-getConsoleOutput; libvirt keeps its last 100 KiB);
   * empty when Nova has none.
   */
  @Override
  public Optional<String> consoleOutput(String cluster, Observed server) {
    return calls.consoleOutput(server);
  }

  /**
   * The backend for the cloud the environment names ({@code OS_CLOUD}, or the {@code OS_*} variables of a sourced
   * openrc file); empty when it names none.
   */
  public static Optional<OpenStackBackend> fromEnvironment() {
    return OpenStackCredentials.fromEnvironment().map(c -> builder().credentials(c).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  public OpenStackCredentials credentials() {
    return credentials;
  }

  CloudClient client() {
    return client;
  }

  @Override
  public String toString() {
    return "OpenStackBackend{" + credentials + "}";
  }

  /** Configures a backend; only the credentials are required. */
  public static final class Builder {
    private OpenStackCredentials credentials;
    private URI proxy;
    private Duration serverDeadline;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Integer retryAttempts;
    private Duration retryBudget;
    private Integer parallelism;
    private Integer portsPerRequest;
    private Integer serversPerBatch;
    private Path sshKey;
    private String sshUser = "debian";
    private Path knownHosts;
    private String bastionHost;
    private int bastionPort = 22;
    private Dialer dialer = Dialer.direct();

    private Builder() {}

    /**
     * The private half (an OpenSSH key file without a passphrase) of the keypair the cluster's servers boot with:
     * with it the backend gives running servers new files over SSH ({@code reconfigure}); without it, it does not.
     */
    public Builder sshKey(Path privateKey) {
      this.sshKey = privateKey.toAbsolutePath().normalize();
      return this;
    }

    /** Who logs in: {@code debian} (a Debian cloud image's user, with passwordless sudo) unless set. */
    public Builder sshUser(String user) {
      this.sshUser = Objects.requireNonNull(user, "user");
      return this;
    }

    /** The known-hosts file of every cluster; {@code ~/.config/stackwright/<cluster>/known_hosts} unless set. */
    public Builder knownHosts(Path file) {
      this.knownHosts = file.toAbsolutePath().normalize();
      return this;
    }

    /**
     * Where the jump host's sshd is reached in place of its floating IP, such as a port forwarded to it; its host
     * keys are still the jump host's own.
     */
    public Builder bastion(String host, int port) {
      if (host == null || host.isBlank() || host.contains(" ") || port < 1 || port > 65535) {
        throw new IllegalArgumentException("bastion(host, port) takes a host name or address and a port 1 to 65535,"
            + " not \"" + host + "\", " + port);
      }
      this.bastionHost = host;
      this.bastionPort = port;
      return this;
    }

    /** How an SSH address is reached: plain TCP; a test maps addresses to its own listeners on 127.0.0.1. */
    Builder dialer(Dialer d) {
      this.dialer = Objects.requireNonNull(d, "dialer");
      return this;
    }

    /**
     * How many new servers are booted and waited for together, with one status list a poll for all of them; 50
     * unless set. 1 gives each server its own engine thread and its own polls, so no more servers build at once
     * than the {@link #parallelism}.
     */
    public Builder serversPerBatch(int servers) {
      if (servers < 1) {
        throw new IllegalArgumentException("serversPerBatch must be at least 1, not " + servers);
      }
      this.serversPerBatch = servers;
      return this;
    }

    /**
     * How many new ports go to Neutron in one bulk request; 50 unless set, 1 for one request per port (a cloud whose
     * Neutron refuses bulk creates).
     */
    public Builder portsPerRequest(int ports) {
      if (ports < 1) {
        throw new IllegalArgumentException("portsPerRequest must be at least 1, not " + ports);
      }
      this.portsPerRequest = ports;
      return this;
    }

    /**
     * How many calls the engine should have in flight at once; 8 unless set (Neutron and Nova run one API process
     * each on a small cloud).
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    public Builder credentials(OpenStackCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Sends every request through this HTTP proxy, such as {@code http://proxy.example.org:3128}. */
    public Builder proxy(URI proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /** How long a server may take to become ACTIVE, or to be gone once deleted; 10 minutes unless set. */
    public Builder serverDeadline(Duration deadline) {
      this.serverDeadline = positive(deadline, "serverDeadline");
      return this;
    }

    /** Connect and read timeouts of each request; 10 s and 60 s unless set. */
    public Builder timeouts(Duration connect, Duration read) {
      this.connectTimeout = positive(connect, "connect timeout");
      this.readTimeout = positive(read, "read timeout");
      return this;
    }

    /**
     * How hard a request is retried when the cloud is busy or a connection breaks: at most {@code attempts} tries,
     * waiting at most {@code budget} in all (Retry-After included); 6 tries within 60 s unless set.
     */
    public Builder retries(int attempts, Duration budget) {
      if (attempts < 1) {
        throw new IllegalArgumentException("retries(" + attempts + ", ...): a request is tried at least once;"
            + " pass 1 for no retry");
      }
      this.retryAttempts = attempts;
      this.retryBudget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    public OpenStackBackend build() {
      if (credentials == null) {
        throw new IllegalStateException("OpenStackBackend.builder() needs credentials(...): pass"
            + " OpenStackCredentials.fromOpenrc(path), fromCloudsYaml(path, cloud) or fromEnvironment()");
      }
      return new OpenStackBackend(this);
    }

    Optional<Reconfigures.Settings> ssh() {
      return Optional.ofNullable(sshKey).map(key -> new Reconfigures.Settings(key, sshUser,
          Optional.ofNullable(knownHosts), Optional.ofNullable(bastionHost), bastionPort, dialer,
          Duration.ofSeconds(10)));
    }

    Settings settings() {
      Settings d = Settings.defaults();
      return new Settings(connectTimeout != null ? connectTimeout : d.connectTimeout(),
          readTimeout != null ? readTimeout : d.readTimeout(), d.tokenRefreshMargin(), Optional.ofNullable(proxy),
          retryAttempts != null ? retryAttempts : d.retryAttempts(),
          retryBudget != null ? retryBudget : d.retryBudget(), d.retryBaseDelay(),
          serverDeadline != null ? serverDeadline : d.serverDeadline(), d.pollInterval(), d.pageSize());
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be a positive duration, not " + d);
      }
      return d;
    }
  }
}
