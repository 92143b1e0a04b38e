package dev.stackwright.model;

import dev.stackwright.internal.SafeText;
import dev.stackwright.local.LocalRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * One kind of service, described once: what it installs, where it listens and who may connect, the files it renders
 * and what a change of each needs, its first-boot steps, its health check, whether it holds data. The engine, the
 * renderer and the backends read services only through this; stackwright's own seven are in
 * {@code dev.stackwright.services.BuiltInServices}, and a user adds one with {@link #builder(String)} and
 * {@code cluster.service(...)}.
 *
 * <pre>{@code
 * Service redis = Service.builder("redis")
 *     .title("Redis cache")
 *     .packages("redis-server")
 *     .port(ServicePort.tcp("redis", 6379))
 *     .openTo("appserver", "redis", "the app caches in Redis")
 *     .file("redis/redis.conf.jinja", "/etc/redis/redis.conf", "redis:redis", 0640, OnChange.restart("redis-server"))
 *     .bootStep("redis", "systemctl enable redis-server && systemctl restart redis-server")
 *     .health(HealthCheck.tcp("redis"))
 *     .appSetting("CACHE_URL", "redis://{address}:{port:redis}/0")
 *     .templates(TemplateSource.classPath(MyCluster.class.getClassLoader(), "templates"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ModelStyle
public abstract class Service {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,23}");

  /** The name roles are called by ({@code cluster.role("redis")}), and its security group's: {@code redis}. */
  public abstract String name();

  /** What a person reads in a report: "application server". */
  @Value.Default
  public String title() {
    return name();
  }

  /** True when a cluster has at most one instance of it (the controller). */
  @Value.Default
  public boolean singleInstance() {
    return false;
  }

  /** True when every cluster has exactly one role of it (the controller). */
  @Value.Default
  public boolean required() {
    return false;
  }

  /** The services it cannot work without: app servers need a broker and a database. */
  public abstract List<String> requires();

  /** Services whose first-boot steps run before this one's on a node, beyond the ones it connects to. */
  public abstract List<String> after();

  /** The packages it needs, per OS release; the release the templates are written for unless said. */
  public abstract Map<OsRelease, List<String>> packages();

  /** The packages on {@code os}; none when the service names none for it. */
  public List<String> packagesOn(OsRelease os) {
    return packages().getOrDefault(os, List.of());
  }

  /**
   * The packages the nodes of its clients need to talk to it (a client library such as {@code python3-redis}), on the
   * release the templates are written for: installed on every node of a service its access names.
   */
  public abstract List<String> clientPackages();

  /** The system users its packages or steps make and its files belong to. */
  public abstract List<String> users();

  public abstract List<ServicePort> ports();

  /** Who may connect to which port: the security rules and the configs' client lists come from these. */
  public abstract List<ServiceAccess> access();

  /** The accesses that apply in {@code cluster} ({@link ServiceAccess#appliesIn}): what its security group opens. */
  public List<ServiceAccess> access(Cluster cluster) {
    return access().stream().filter(a -> a.appliesIn(cluster)).toList();
  }

  /** True for the node every other node admits SSH from (the controller). */
  @Value.Default
  public boolean jumpHost() {
    return false;
  }

  /** True when its nodes get a floating IP when the cluster has an external network (load balancer, controller). */
  @Value.Default
  public boolean publicEntry() {
    return false;
  }

  public abstract List<ServiceFile> files();

  public abstract List<BootStep> bootSteps();

  public abstract List<HealthCheck> health();

  /**
   * How the local backend runs it on a node: the processes that stand in for it there, such as
   * {@code LocalRunner.command("redis-server {file:/etc/redis/redis.conf}")}. A service without one is shown as
   * skipped by a local run.
   */
  public abstract Optional<LocalRunner> localRun();

  /** True when deleting or replacing one of its nodes destroys data (a database, a broker's queues). */
  @Value.Default
  public boolean holdsData() {
    return false;
  }

  /** Where its templates are; empty for stackwright's own. */
  public abstract Optional<TemplateSource> templates();

  /**
   * True when its nodes run the application's code (app servers, workers, static file servers): they get the
   * application's user, code and environment file, through its {@link #parts()}; a local run copies the code there.
   */
  @Value.Default
  public boolean runsApplication() {
    return false;
  }

  /**
   * The name of the port it serves the application on (gunicorn's {@code app}), when it does: the services allowed to
   * that port are the proxies the application trusts, and they and it the hosts the application answers to.
   */
  public abstract Optional<String> applicationPort();

  /**
   * The secrets its files and settings need, by their keys in a secrets file: {@code rabbitmq_password}. Each is
   * stackwright's own or one a service of the cluster declares ({@link #ownSecrets()}); templates read them as
   * {@code secrets.KEY}, settings as {@code {secret:KEY}}.
   */
  public abstract List<String> secrets();

  /**
   * The secrets of its own it declares, by key, with how many characters a generated value has: a password of its
   * daemon such as {@code redis_password}. Each is in {@link #secrets()} too.
   */
  public abstract Map<String, Integer> ownSecrets();

  /**
   * Settings it gives the application, by name: each becomes {@code NAME="value"} in the application's environment
   * file, one value per instance of the service, joined by ",". A value may hold {@code {address}}, {@code {name}}
   * (the instance's), {@code {port:NAME}} (one of its ports) and {@code {secret:KEY}} (one of its {@link #secrets()}):
   * {@code redis://:{secret:redis_password}@{address}:{port:redis}/0}. A setting made from a secret makes the
   * environment file secret, and is never logged.
   */
  public abstract Map<String, String> appSettings();

  /** Pieces several services share, put on a node once however many of its services name them (nginx, the app). */
  public abstract List<ServicePart> parts();

  /**
   * What each instance needs that is known only per cluster (a command from the application's source, a repository
   * from the package sources): the part a hook gives joins the service's own, its first steps before the service's
   * boot steps and its last steps after.
   */
  public abstract List<NodeHook> nodeHooks();

  /** Values it gives every template, computed once per cluster (URLs with passwords, a cluster's layout). */
  public abstract List<TemplateValues> templateValues();

  /**
   * Values it gives each of its instances, merged into the instance's map templates see as {@code instance} (such as
   * gunicorn's worker count from the node's cores); they add keys and never replace one.
   */
  public abstract List<InstanceValues> instanceValues();

  /** What one instance of a service (or a part, on a node) needs beyond its fixed description. */
  @FunctionalInterface
  public interface NodeHook {
    /** The additions for {@code scope}'s node and instance; an empty part for none. */
    ServicePart additions(ServiceScope scope);
  }

  /**
   * Values a service gives the templates, under top-level names such as {@code urls}; maps of the same name from
   * several services are merged.
   */
  @FunctionalInterface
  public interface TemplateValues {
    /** The values, from {@code scope}'s cluster (it has no node nor instance). */
    Map<String, Object> values(ServiceScope scope);
  }

  /** Values one instance of a service gives the templates under {@code instance}. */
  @FunctionalInterface
  public interface InstanceValues {
    /** The values, from {@code scope}'s node and instance; a value may not be made from a secret. */
    Map<String, Object> values(ServiceScope scope);
  }

  /** The port of that name. */
  public Optional<ServicePort> port(String name) {
    return ports().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return "service " + name();
  }

  public static Builder builder(String name) {
    return new Builder().name(name);
  }

  @Value.Check
  void check() {
    if (!NAME.matcher(name()).matches()) {
      throw new IllegalArgumentException("service name \"" + SafeText.printable(name()) + "\" is not a safe name; write it "
          + "like \"redis\" (lower-case letters and digits, starting with a letter, at most 24: it names roles, "
          + "security groups and files)");
    }
  }

  /** Builds a service; see the class's example. */
  public static final class Builder extends ImmutableService.Builder {
    Builder() {}

    /** Packages on the release the templates are written for. */
    public Builder packages(String... names) {
      return packages(OsRelease.TEMPLATES, names);
    }

    public Builder packages(OsRelease os, String... names) {
      putPackages(os, List.of(names));
      return this;
    }

    /** Packages its clients' nodes need; see {@link Service#clientPackages()}. */
    public Builder clientPackages(String... names) {
      addClientPackages(names);
      return this;
    }

    public Builder port(ServicePort port) {
      addPorts(port);
      return this;
    }

    /** Opens {@code port} to the nodes of {@code service}, for {@code purpose}. */
    public Builder openTo(String service, String port, String purpose) {
      addAccess(ServiceAccess.fromService(service, port, purpose));
      return this;
    }

    public Builder file(String template, String path, String owner, int mode, OnChange onChange) {
      addFiles(new ServiceFile(template, path, owner, mode, false, onChange));
      return this;
    }

    /** A file that holds secrets: mode 0600, never logged or shown in a diff. */
    public Builder secretFile(String template, String path, String owner, OnChange onChange) {
      addFiles(new ServiceFile(template, path, owner, 0600, true, onChange));
      return this;
    }

    /**
     * A secret of the service's own, such as {@code redis_password}, generated {@code generatedLength} characters
     * long unless given (in the environment as {@code STACKWRIGHT_SECRET_REDIS_PASSWORD}, or in the secrets file).
     */
    public Builder secret(String key, int generatedLength) {
      putOwnSecrets(key, generatedLength);
      addSecrets(key);
      return this;
    }

    public Builder bootStep(String name, String command) {
      addBootSteps(BootStep.of(name, command));
      return this;
    }

    public Builder health(HealthCheck check) {
      addHealth(check);
      return this;
    }

    /** A setting it gives the application; see {@link Service#appSettings()}. */
    public Builder appSetting(String name, String value) {
      putAppSettings(name, value);
      return this;
    }

    /** Runs locally as {@code commandLine}, with placeholders; see {@code dev.stackwright.local.LocalCommand}. */
    public Builder localCommand(String commandLine) {
      return localRun(LocalRunner.command(commandLine));
    }
  }
}
