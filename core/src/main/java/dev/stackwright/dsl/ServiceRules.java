package dev.stackwright.dsl;

import dev.stackwright.Closest;
import dev.stackwright.model.BootStep;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OsRelease;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import dev.stackwright.model.ServicePort;
import dev.stackwright.render.SecretName;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The services of the user's own, checked as strictly as stackwright's: a name no other descriptor has, accesses to
 * ports the service has from services the catalogue has, needs the catalogue can meet, names of packages, users and
 * steps a node can take. Files are {@link ServiceFileRules}'; what clashes on a host is {@link ServicePlacementRules}'.
 */
final class ServiceRules {
  /** Debian policy: lower-case letters, digits, + - and ., at least two, starting with a letter or digit. */
  private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
  /** A system user adduser accepts without --force-badname. */
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  /** A step's name, once {@code {suffix}} is taken out: it names the step's log and marker files. */
  private static final Pattern STEP = Pattern.compile("[a-z][a-z0-9_.-]{0,49}");
  /** A systemd unit's name; {@code {suffix}} stands for the role's suffix. */
  static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@_.:-]+");

  private final ServiceCatalogue catalogue;
  private final Problems problems;

  private ServiceRules(ServiceCatalogue catalogue, Problems problems) {
    this.catalogue = catalogue;
    this.problems = problems;
  }

  /** The catalogue: the built-ins, the declared services and those roles' kinds name; the user's each checked. */
  static ServiceCatalogue of(ClusterDsl dsl, Problems problems) {
    ServiceCatalogue catalogue = new ServiceCatalogue();
    ServiceRules rules = new ServiceRules(catalogue, problems);
    for (int i = 0; i < dsl.services.size(); i++) {
      Service s = dsl.services.get(i);
      if (s == null) {
        problems.missing("cluster.service[" + i + "]", "is null", "pass a service built with "
            + "Service.builder(\"name\")...build()");
      } else {
        rules.add(s, "service[" + s.name() + "]");
      }
    }
    for (RoleDsl r : dsl.roles) {
      if (r.kind != null) {
        rules.add(r.kind, "role[" + r.name + "].kind");
      }
    }
    catalogue.own().forEach(s -> BuiltInOnlyRules.check(s, "service[" + s.name() + "]", problems));
    checkAsStrictly(catalogue, catalogue.own(), problems);
    return catalogue;
  }

  /**
   * The rules every service is held to, whoever declares it, for {@code services} of {@code catalogue}: all but
   * {@link BuiltInOnlyRules}, which only the user's own are held to.
   */
  static void checkAsStrictly(ServiceCatalogue catalogue, List<Service> services, Problems problems) {
    ServiceRules rules = new ServiceRules(catalogue, problems);
    services.forEach(rules::check);
    AppSettingRules.check(services, problems);
    StartOrderRules.check(catalogue, services, problems);
  }

  private void add(Service s, String path) {
    if (catalogue.add(s)) {
      return;
    }
    Service earlier = catalogue.named(s.name()).orElseThrow();
    String whose = catalogue.isOwn(earlier) ? "another service of yours" : "stackwright's own " + earlier.title();
    problems.problem(path, s.name(), "is the name of " + whose + ", whose descriptor differs from this one",
        "give this service a name of its own, such as \"" + otherName(s.name()) + "\", or use the one service "
            + "object everywhere");
  }

  /** A name like {@code name} but not it, within the 24 characters a service's name may have. */
  static String otherName(String name) {
    return (name.length() < 24 ? name : name.substring(0, 23)) + "2";
  }

  private void check(Service s) {
    String path = "service[" + s.name() + "]";
    Texts.text(problems, path + ".title", s.title(), "Redis cache");
    ports(s, path);
    for (int i = 0; i < s.access().size(); i++) {
      access(s, path + ".access[" + i + "]", s.access().get(i));
    }
    names(s, path + ".requires", s.requires());
    names(s, path + ".after", s.after());
    s.packages().forEach((os, names) -> packages(path + ".packages[" + os.name() + "]", os, names));
    packages(path + ".clientPackages", OsRelease.TEMPLATES, s.clientPackages());
    s.users().forEach(u -> {
      if (!USER.matcher(u).matches()) {
        problems.problem(path + ".users", u, "is not a system user's name", "write it like \"redis\": a "
            + "lower-case letter or _, then lower-case letters, digits, _ and -, at most 32");
      }
    });
    steps(s, path);
    for (int i = 0; i < s.health().size(); i++) {
      health(s, path + ".health[" + i + "]", s.health().get(i));
    }
    secrets(s, path + ".secrets");
    ServiceFileRules.check(s, path, problems);
    LocalCommandRules.check(s, path, problems);
  }

  private void secrets(Service s, String path) {
    List<String> keys = knownSecrets();
    s.secrets().stream().filter(k -> !keys.contains(k)).forEach(k -> problems.problem(path, k, "is neither a "
        + "secret stackwright keeps nor one a service of the cluster declares" + Closest.hint(k, keys),
        "name one of " + keys + ", or declare it with .secret(key, length) "
        + "and render it into a file of its own, readable by its user only (.secretFile(...))"));
    s.ownSecrets().forEach((key, length) -> ownSecret(s, path + "[" + Texts.printable(key) + "]", key, length));
  }

  /** The built-ins' keys, then every key a service of the catalogue declares. */
  private List<String> knownSecrets() {
    Set<String> keys = new LinkedHashSet<>();
    SecretName.builtIn().forEach(n -> keys.add(n.key()));
    catalogue.all().forEach(other -> keys.addAll(other.ownSecrets().keySet()));
    return List.copyOf(keys);
  }

  private void ownSecret(Service s, String at, String key, int length) {
    if (!SecretName.isKey(key)) {
      problems.problem(at, key, "is not a secret's key (it names a properties key and an environment variable)",
          "write it like \"" + s.name() + "_password\": a lower-case letter, then lower-case letters, digits "
              + "and _, at most 64");
      return;
    }
    if (SecretName.builtIn().stream().anyMatch(n -> n.key().equals(key))) {
      problems.problem(at, key, "is the key of a secret stackwright keeps", "name it in .secrets(...) without a "
          + "length to use stackwright's, or give yours a key of its own such as \"" + s.name() + "_" + key + "\"");
      return;
    }
    if (length < SecretName.MIN_LENGTH || length > SecretName.MAX_LENGTH) {
      problems.problem(at + ".length", String.valueOf(length), "is no length a generated secret may have",
          "give a length from " + SecretName.MIN_LENGTH + " to " + SecretName.MAX_LENGTH);
    }
    for (Service other : catalogue.all()) {
      if (other.equals(s)) {
        return;
      }
      Integer theirs = other.ownSecrets().get(key);
      if (theirs != null && theirs != length) {
        problems.problem(at + ".length", String.valueOf(length), "differs from the length " + theirs + " service "
            + other.name() + " declares for the same secret, and a cluster keeps one value of a key",
            "declare the one length in both services, or give this secret a key of its own");
        return;
      }
    }
  }

  private void ports(Service s, String path) {
    Map<String, ServicePort> byNumber = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (ServicePort p : s.ports()) {
      String at = path + ".port[" + p.name() + "]";
      if (!names.add(p.name())) {
        problems.problem(at, p.name(), "is declared twice", "declare each port once, with a name of its own");
        continue;
      }
      ServicePort same = byNumber.putIfAbsent(p.number() + "/" + p.protocol(), p);
      if (same != null) {
        problems.problem(at, p.number() + "/" + p.protocol(), "is the number of port " + same.name() + " too",
            "declare the port once and name it in every access");
      }
      portName(s, at, p);
    }
  }

  /**
   * A port name no earlier service has with another number (the templates' {@code ports} map gives a name the first
   * service's number), and no built-in's at all for a service of the user's own.
   */
  private void portName(Service s, String at, ServicePort p) {
    for (Service other : catalogue.all()) {
      if (other.equals(s)) {
        return;
      }
      Optional<ServicePort> same = other.port(p.name());
      if (same.isPresent() && (!same.get().equals(p) || catalogue.isOwn(s) && !catalogue.isOwn(other))) {
        problems.problem(at, p.name(), "is the name of service " + other.name() + "'s port " + same.get().number()
            + "/" + same.get().protocol() + ", which the templates' ports map gives for that name", "give the port "
            + "a name of the service's own, such as \"" + s.name() + "_" + p.protocol() + "\"");
        return;
      }
    }
  }

  private void access(Service s, String path, ServiceAccess access) {
    if (s.port(access.port()).isEmpty()) {
      List<String> ports = s.ports().stream().map(ServicePort::name).toList();
      problems.problem(path + ".port", access.port(), "is not a port of service " + s.name()
          + Closest.hint(access.port(), ports), ports.isEmpty() ? "declare it with .port(ServicePort.tcp(...))"
          : "name one of " + ports + ", or declare it with .port(ServicePort.tcp(...))");
    }
    access.service().ifPresent(client -> known(path + ".service", client));
  }

  private void names(Service s, String path, List<String> names) {
    for (String name : names) {
      if (name.equals(s.name())) {
        problems.problem(path, name, "names the service itself", "name other services only");
      } else {
        known(path, name);
      }
    }
  }

  /** A service name the catalogue has. */
  private void known(String path, String name) {
    if (catalogue.named(name).isEmpty()) {
      problems.problem(path, name, "is no service of the cluster" + Closest.hint(name, catalogue.names()),
          "name one of " + catalogue.names() + ", or add yours with cluster.service(...)");
    }
  }

  private void packages(String path, OsRelease os, List<String> names) {
    for (String name : names) {
      if (!PACKAGE.matcher(name).matches()) {
        problems.problem(path, name, "is not a " + os.title() + " package name", "write the package's name as "
            + "apt knows it: lower-case letters, digits, +, - and ., such as \"redis-server\"");
      }
    }
  }

  private void steps(Service s, String path) {
    Set<String> seen = new HashSet<>();
    for (BootStep step : s.bootSteps()) {
      String at = path + ".bootStep[" + Texts.printable(step.name()) + "]";
      if (!STEP.matcher(step.name().replace("{suffix}", "")).matches()) {
        problems.problem(at, step.name(), "is not a step name (it names the step's log and marker files)",
            "write it like \"enable-redis\": a lower-case letter, then lower-case letters, digits, - and _");
      } else if (!seen.add(step.name())) {
        problems.problem(at, step.name(), "is declared twice", "give each step a name of its own");
      }
      if (step.command().isBlank() || step.command().indexOf('\0') >= 0) {
        problems.problem(at + ".command", step.command(), "is no command a shell can run",
            "write the command, such as \"systemctl restart redis-server\"");
      }
    }
  }

  private void health(Service s, String path, HealthCheck check) {
    check.port().filter(p -> s.port(p).isEmpty()).ifPresent(p -> problems.problem(path + ".port", p,
        "is not a port of service " + s.name() + Closest.hint(p, s.ports().stream().map(ServicePort::name).toList()),
        "check one of its ports: " + s.ports().stream().map(ServicePort::name).toList()));
    Optional<String> unit = check.unit().map(u -> u.replace("{suffix}", ""));
    unit.filter(u -> !UNIT.matcher(u).matches()).ifPresent(u -> problems.problem(path + ".unit", u,
        "is not a systemd unit's name", "write it like \"redis-server\""));
  }
}
