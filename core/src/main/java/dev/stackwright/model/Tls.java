package dev.stackwright.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * TLS for every page a person opens: the load balancer serves HTTPS on 443 and redirects HTTP to it (the ACME
 * challenge path excepted), the controller's admin pages are served over HTTPS only. Built by
 * {@code cluster.tls()...}.
 */
@Value.Immutable
@ModelStyle
public abstract class Tls {
  /** Where the certificates come from. */
  public enum Certificates {
    /** A cluster CA stackwright generates once and keeps as a secret; it issues each TLS endpoint a certificate. */
    CLUSTER_CA,
    /** The user's own certificate chain and private key, given as secrets. */
    USER_PROVIDED
  }

  @Value.Default
  public Certificates certificates() {
    return Certificates.CLUSTER_CA;
  }

  /** The user's domain names, put in every endpoint's certificate beside its addresses and host names. */
  public abstract List<String> domains();

  /** The max-age of the Strict-Transport-Security header, when the user asks for HSTS; none sends no header. */
  public abstract Optional<Duration> hsts();

  public static Builder builder() {
    return new Builder();
  }

  /** Builds TLS settings; the DSL is the usual way. */
  public static final class Builder extends ImmutableTls.Builder {}
}
