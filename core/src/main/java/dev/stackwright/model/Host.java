package dev.stackwright.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A kind of VM: its flavour, image and count, and the roles each of its VMs carries. */
@Value.Immutable
@ModelStyle
public abstract class Host {
  public abstract String name();

  /** The flavour's name in the cluster's catalogue. */
  public abstract String flavor();

  /** The image, when it differs from the cluster's default. */
  public abstract Optional<String> image();

  public abstract int count();

  /** The names of the roles every VM of this host carries, the first one being its primary role. */
  public abstract List<String> roles();

  @Value.Default
  public UserDataPolicy userDataPolicy() {
    return UserDataPolicy.RECONFIGURE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a host; the DSL is the usual way. */
  public static final class Builder extends ImmutableHost.Builder {}
}
