package dev.stackwright.export;

import dev.stackwright.StackwrightException;
import dev.stackwright.engine.Engine;
import dev.stackwright.internal.AtomicFiles;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.spi.ResourceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster as a Heat Orchestration Template (HOT, {@code heat_template_version} {@value #VERSION}), for clouds whose
 * policy wants Heat stacks: the security groups and their rules, the server groups, the ports with their fixed
 * addresses, the servers with their cloud-init user-data ({@code RAW}) and the floating IPs, each made from the
 * resources the engine derives ({@link Engine#resources}), so the template never says what the engine would not make.
 * Parameters for what the cloud names ({@code key_name}, {@code network}, {@code external_network}, {@code image}),
 * outputs for the ways in (the load balancer's and the controller's addresses).
 *
 * <pre>{@code
 * HeatTemplate.of(cluster, Renderer.builder().build()).writeTo(Path.of("seed.yaml"));
 * // openstack stack create --template seed.yaml --parameter key_name=mine seed
 * }</pre>
 *
 * <p>The files are rendered before any port exists, as {@code render} does: the controller's DHCP config names every
 * node's lease as pending (a MAC is known only once its port is), and the files that name a floating IP do not have
 * it. The user-data holds the cluster's secrets, as the engine's does: {@link #writeTo} makes the file readable by
 * its owner only, and {@link #toString()} gives none of it.
 */
public final class HeatTemplate {
  /** The HOT version written: Wallaby's, which every Heat from Wallaby (2021) on reads, Zed's included. */
  public static final String VERSION = "2021-04-16";

  private final String cluster;
  private final String yaml;
  private final Map<String, Optional<String>> parameters;
  private final int resources;

  private HeatTemplate(String cluster, String yaml, Map<String, Optional<String>> parameters, int resources) {
    this.cluster = cluster;
    this.yaml = yaml;
    this.parameters = parameters;
    this.resources = resources;
  }

  /** The cluster's template, its servers in anti-affinity groups per host kind that can grow. */
  public static HeatTemplate of(Cluster cluster, Renderer renderer) {
    return of(cluster, renderer, "anti-affinity");
  }

  /**
   * The cluster's template.
   *
   * @param serverGroupPolicy {@code anti-affinity} or {@code soft-anti-affinity}, as the engine's
   * @throws dev.stackwright.InvalidClusterException for a model the DSL would refuse
   * @throws StackwrightException when a file cannot be rendered (a secret missing, a template failing)
   */
  public static HeatTemplate of(Cluster cluster, Renderer renderer, String serverGroupPolicy) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(renderer, "renderer");
    RenderedCluster rendered = renderer.render(cluster);
    List<ResourceSpec> specs = Engine.resources(cluster, rendered, serverGroupPolicy);
    HotResources hot = HotResources.of(cluster, specs);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("description", "Cluster " + cluster.name() + " (" + cluster.nodes().size() + " servers), made by"
        + " stackwright's export heat. The servers' user_data holds the cluster's secrets.");
    document.put("parameters", hot.parameters());
    document.put("resources", hot.resources());
    document.put("outputs", hot.outputs());
    String yaml = "# Heat Orchestration Template of cluster " + HotYaml.quoted(cluster.name()) + ", written by"
        + " stackwright (export heat).\n# The servers' user_data holds the cluster's secrets: keep this file"
        + " private.\nheat_template_version: " + VERSION + "\n" + HotYaml.write(document);
    return new HeatTemplate(cluster.name(), yaml, Map.copyOf(hot.defaults()), hot.resources().size());
  }

  /** The template as YAML, user-data (and so the cluster's secrets) included. */
  public String toYaml() {
    return yaml;
  }

  public String cluster() {
    return cluster;
  }

  /** The parameters by name, with the default each has (the model's name); {@code key_name} has none. */
  public Map<String, Optional<String>> parameters() {
    return parameters;
  }

  /** How many resources the template makes, rules included. */
  public int resourceCount() {
    return resources;
  }

  /**
   * Writes the template to {@code file}, readable and writable by its owner only (it holds secrets): through a file
   * beside it moved into place, so a reader never sees half of it and an older file's wider mode does not survive.
   *
   * @throws StackwrightException when the file cannot be written, naming it and why
   */
  public void writeTo(Path file) {
    Path target = file.toAbsolutePath();
    try {
      if (!AtomicFiles.posix()) {
        throw new UnsupportedOperationException("no POSIX file modes here");
      }
      AtomicFiles.write(target, yaml.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      throw new StackwrightException("the Heat template of cluster " + cluster + " could not be written to " + target
          + ": " + e + "; fix: name a file in an existing directory you may write (on a file system with POSIX"
          + " modes, since the file must be private)", e);
    }
  }

  /** The cluster and the counts, never the content: the user-data holds secrets. */
  @Override
  public String toString() {
    return "HeatTemplate[cluster=" + cluster + ", " + resources + " resources, parameters=" + parameters.keySet()
        + ", " + yaml.length() + " characters, withheld: the user-data holds secrets]";
  }
}
