package dev.stackwright.local.internal;

import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalMapping;
import dev.stackwright.local.LocalNode;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a runner sees of one node and one of its services: the model, the mapped files and the run's settings. */
final class NodeView implements LocalNode {
  private final Cluster cluster;
  private final Node node;
  private final RoleInstance instance;
  private final LocalMapping mapping;
  private final List<LocalFile> files;
  private final LocalOptions options;

  NodeView(Cluster cluster, Node node, RoleInstance instance, LocalMapping mapping, List<LocalFile> files,
      LocalOptions options) {
    this.cluster = cluster;
    this.node = node;
    this.instance = instance;
    this.mapping = mapping;
    this.files = List.copyOf(files);
    this.options = options;
  }

  @Override
  public Cluster cluster() {
    return cluster;
  }

  @Override
  public Node node() {
    return node;
  }

  @Override
  public Service service() {
    return instance.kind();
  }

  @Override
  public RoleInstance instance() {
    return instance;
  }

  @Override
  public String address() {
    return address(instance);
  }

  @Override
  public String address(RoleInstance other) {
    return mapping.address(other.address()).toString();
  }

  @Override
  public int port(String name) {
    ServicePort port = service().port(name).orElseThrow(() -> new IllegalArgumentException("service "
        + service().name() + " has no port \"" + name + "\"; name one of "
        + service().ports().stream().map(ServicePort::name).toList()));
    return mapping.port(instance.address(), port.number());
  }

  @Override
  public List<LocalFile> files() {
    return files;
  }

  @Override
  public Path path(String nodePath) {
    return mapping.path(node.name(), nodePath);
  }

  @Override
  public Path root() {
    return mapping.nodeRoot(node.name());
  }

  @Override
  public Path runDir() {
    return mapping.runDir();
  }

  @Override
  public Path stateFile(String name) {
    return PidFiles.dirOf(mapping.runDir()).resolve(name);
  }

  @Override
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/bin:/usr/sbin:/bin:/sbin");
    env.put("LANG", "C.UTF-8");
    env.put("HOME", root().resolve("root").toString());
    return env;
  }

  @Override
  public Path python() {
    return options.python();
  }

  @Override
  public Optional<Path> program(String name) {
    return Optional.ofNullable(options.programs().get(name));
  }

  @Override
  public Optional<Path> application() {
    return options.application();
  }
}
