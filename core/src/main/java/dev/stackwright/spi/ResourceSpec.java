package dev.stackwright.spi;

import java.util.Set;

/**
 * What a resource is, in terms a person and every backend understand: names, not cloud ids. The engine derives the
 * desired specs from the model; a backend reports what it observes in the same shape, with references back to our
 * own resources as {@link ResourceId}s, so the planner compares like with like.
 */
public sealed interface ResourceSpec
    permits NetworkSpec, SubnetSpec, RouterSpec, KeypairSpec, SecurityGroupSpec, ServerGroupSpec, PortSpec, ServerSpec,
    FloatingIpSpec {

  ResourceId id();

  /** The name the resource has in the cloud. */
  String name();

  /** Our own resources this one refers to; they must exist before it is created. */
  Set<ResourceId> dependsOn();
}
