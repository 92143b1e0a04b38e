package dev.stackwright.model;

import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A piece several services share on a node, put there once however many of the node's services name it: nginx with
 * its main config and its final restart, the application's code and user. Its first steps run before every service's
 * boot steps on the node, its last steps after them. The same type is what a {@link Service.NodeHook} gives.
 */
@Value.Immutable
@ModelStyle
public abstract class ServicePart {
  /** Names the part: two services naming parts of one name get it once. */
  public abstract String name();

  /** Packages on the release the templates are written for. */
  public abstract List<String> packages();

  /** System users the node's user-data makes (no login), by name, with their home. */
  public abstract Map<String, String> users();

  public abstract List<ServiceFile> files();

  public abstract List<BootStep> firstSteps();

  public abstract List<BootStep> lastSteps();

  /**
   * What a redeploy of the application runs on a node that has this part, after its files are written: fetch the new
   * version, migrate, collect static files. The units are restarted after them.
   */
  public abstract List<BootStep> redeploySteps();

  /** What puts the previous version back when a redeploy fails on the node, before its units restart. */
  public abstract List<BootStep> redeployUndoSteps();

  /**
   * Whether a redeploy here must end well before the other nodes run the new version: its steps change what they
   * share (a migrate changes the database the other nodes' code reads).
   */
  @Value.Default
  public boolean leadsRedeploy() {
    return false;
  }

  /** Additions known only per cluster, run once per node. */
  public abstract List<Service.NodeHook> nodeHooks();

  public static Builder builder(String name) {
    return new Builder().name(name);
  }

  /** A part with nothing in it: what a hook gives when it adds nothing. */
  public static ServicePart none() {
    return builder("none").build();
  }

  /** Builds a part. */
  public static final class Builder extends ImmutableServicePart.Builder {
    Builder() {}
  }
}
