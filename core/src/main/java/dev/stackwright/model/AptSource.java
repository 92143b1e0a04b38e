package dev.stackwright.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An apt repository the nodes install from, as one {@code deb} line says it: {@code URI SUITE [COMPONENT...]}, or
 * {@code URI ./} for a flat repository (a directory of .debs with its Packages index, no components).
 */
@Value.Immutable
@ModelStyle
public abstract class AptSource {
  /** The repository's base URL, http or https with a host: {@code http://deb.example.org/debian}. */
  public abstract String uri();

  /** The suite, {@code bookworm}; for a flat repository the directory, ending in {@code /}: {@code ./}. */
  public abstract String suite();

  /** The components, {@code main}; none for a flat repository. */
  public abstract List<String> components();

  /**
   * Where the repository's ASCII-armored signing key is fetched from at boot, when the image's keyrings do not
   * already hold it (a Debian mirror is signed with Debian's archive key, which the image has).
   */
  public abstract Optional<String> keyUrl();

  /**
   * The repository is not signed, so apt is told to trust it ({@code [trusted=yes]}): apt then installs whatever the
   * URL serves without checking a signature, so anyone who can answer for that address (or alter the traffic to it)
   * chooses what runs as root on the nodes. Only for a repository on a network the cluster's owner controls, such as
   * a mirror on the cloud's own internal network.
   */
  @Value.Default
  public boolean unsigned() {
    return false;
  }

  /** A flat repository: its suite is a directory ({@code ./}) and it has no components. */
  public boolean flat() {
    return suite().endsWith("/");
  }

  /** The source as the DSL takes it: {@code URI SUITE [COMPONENT...]}. */
  public String line() {
    StringBuilder s = new StringBuilder(uri()).append(' ').append(suite());
    components().forEach(c -> s.append(' ').append(c));
    return s.toString();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a source; the DSL ({@code cluster.packageSources()}) is the usual way, and checks it. */
  public static final class Builder extends ImmutableAptSource.Builder {}
}
