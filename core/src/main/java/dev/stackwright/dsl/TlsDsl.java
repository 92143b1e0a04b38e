package dev.stackwright.dsl;

import dev.stackwright.model.Tls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * TLS on the load balancer and the controller's admin pages:
 * {@code cluster.tls().clusterCa().domain("demo.example.org").hsts(Duration.ofDays(365))}.
 */
public final class TlsDsl extends DslPart {
  Tls.Certificates certificates = Tls.Certificates.CLUSTER_CA;
  final List<String> domains = new ArrayList<>();
  Duration hsts;

  TlsDsl(ClusterDsl cluster) {
    super(cluster);
  }

  /** Certificates from a cluster CA that stackwright generates once and keeps as a secret (the default). */
  public TlsDsl clusterCa() {
    checkOpen();
    this.certificates = Tls.Certificates.CLUSTER_CA;
    return this;
  }

  /** The user's own certificate chain and private key, given as secrets. */
  public TlsDsl userCertificates() {
    checkOpen();
    this.certificates = Tls.Certificates.USER_PROVIDED;
    return this;
  }

  /** Domain names the endpoints answer to, such as {@code "demo.example.org"}; each goes in the certificates. */
  public TlsDsl domain(String... names) {
    checkOpen();
    Collections.addAll(domains, names);
    return this;
  }

  /** Sends Strict-Transport-Security with this max-age from every HTTPS endpoint. */
  public TlsDsl hsts(Duration maxAge) {
    checkOpen();
    this.hsts = maxAge;
    return this;
  }
}
