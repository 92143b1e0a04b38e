package dev.stackwright.model;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.immutables.value.Value;

/**
 * A service kind with its own /24 address block. Instance {@code i} (1-based) of a role has the address
 * {@code block + firstOffset + i - 1}, wherever the role is placed, so moving a role to another host renumbers
 * nothing.
 */
@Value.Immutable
@ModelStyle
public abstract class Role {
  public abstract String name();

  public abstract Service kind();

  /** The role's /24 block, such as 10.0.100.0/24. */
  public abstract Ipv4Network block();

  /** The host offset of the first instance in the block (the seed starts its webservers at .3). */
  public abstract int firstOffset();

  /** How many instances the role has; equal to the VM count of the host that carries it. */
  public abstract int count();

  /**
   * Worker processes, when set: gunicorn workers for an app server, Celery concurrency for a worker. When empty the
   * renderer derives them from the VM's vCPUs.
   */
  public abstract OptionalInt processes();

  /** The address of instance {@code index}, 1-based. */
  public Ipv4Address address(int index) {
    if (index < 1 || index > count()) {
      throw new IllegalArgumentException("role " + name() + " has instances 1 to " + count() + ", not " + index);
    }
    return block().host(firstOffset() + index - 1);
  }

  /** Every instance's address, in order. */
  public List<Ipv4Address> addresses() {
    return IntStream.rangeClosed(1, count()).mapToObj(this::address).collect(Collectors.toUnmodifiableList());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a role; the DSL is the usual way. */
  public static final class Builder extends ImmutableRole.Builder {}
}
