package dev.stackwright.local;

import dev.stackwright.internal.TextTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a local {@code apply}, {@code status} or {@code destroy} did: every service with its state, including the
 * ones skipped and why, and the URLs of the load balancer and the controller.
 */
public final class LocalResult {
  private final Path runDir;
  private final List<LocalService> services;
  private final Optional<String> loadBalancerUrl;
  private final Optional<String> controllerUrl;

  public LocalResult(Path runDir, List<LocalService> services, Optional<String> loadBalancerUrl,
      Optional<String> controllerUrl) {
    this.runDir = runDir;
    this.services = List.copyOf(services);
    this.loadBalancerUrl = loadBalancerUrl;
    this.controllerUrl = controllerUrl;
  }

  /** The run directory: mapped config files, pid files, logs and data. */
  public Path runDir() {
    return runDir;
  }

  public List<LocalService> services() {
    return services;
  }

  public List<LocalService> services(LocalServiceState state) {
    return services.stream().filter(s -> s.state() == state).collect(Collectors.toUnmodifiableList());
  }

  public Optional<LocalService> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The services of one kind (nginx, gunicorn, celery, ...). */
  public List<LocalService> ofKind(String kind) {
    return services.stream().filter(s -> s.kind().equals(kind)).collect(Collectors.toUnmodifiableList());
  }

  /**
   * The load balancer's URL, {@code http://127.0.10.3:80/} ({@code https://127.0.10.3:443/} with TLS): the "https"
   * port, else the "http" one, of the first public-entry service that is not the jump host, when a process answers
   * there.
   */
  public Optional<String> loadBalancerUrl() {
    return loadBalancerUrl;
  }

  /** The controller's URL: as {@link #loadBalancerUrl()}, of the public-entry service that is the jump host. */
  public Optional<String> controllerUrl() {
    return controllerUrl;
  }

  /** True when nothing failed. */
  public boolean ok() {
    return services(LocalServiceState.FAILED).isEmpty();
  }

  /** The service table, then the URLs. */
  @Override
  public String toString() {
    TextTable t = new TextTable(List.of("service", "state", "pid", "answers on", "note"));
    for (LocalService s : services) {
      t.row(List.of(s.name(), s.state().name().toLowerCase(java.util.Locale.ROOT),
          s.pid().isPresent() ? String.valueOf(s.pid().getAsLong()) : "", String.join(" ", s.endpoints()),
          s.detail()));
    }
    StringBuilder sb = new StringBuilder(t.toString());
    loadBalancerUrl.ifPresent(u -> sb.append("load balancer: ").append(u).append('\n'));
    controllerUrl.ifPresent(u -> sb.append("controller:    ").append(u).append('\n'));
    sb.append("run directory: ").append(runDir).append('\n');
    return sb.toString();
  }
}
