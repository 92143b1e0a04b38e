package dev.stackwright.tls.internal;

import dev.stackwright.render.Secret;
import dev.stackwright.tls.Certificates;
import dev.stackwright.tls.EndpointCertificate;
import dev.stackwright.tls.TlsEndpoint;
import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Certificates for tests: every key derived from names, fixed dates, RFC 6979 signatures; the same bytes on every run
 * and machine, and nothing written. Not secret at all: never for a cluster that runs.
 */
public final class TestCa implements Certificates {
  public static final TestCa INSTANCE = new TestCa();
  private static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2099-01-01T00:00:00Z");

  private TestCa() {}

  @Override
  public EndpointCertificate certificate(String cluster, TlsEndpoint endpoint) {
    EcKey caKey = EcKey.derived("stackwright-test-ca:" + cluster);
    X509CertificateHolder ca = Issuer.ca(cluster, caKey, new Issuer.Validity(NOT_BEFORE, NOT_AFTER,
        Issuer.serial("stackwright-test-ca-serial:" + cluster)));
    String seed = cluster + ":" + endpoint.instance();
    EcKey key = EcKey.derived("stackwright-test-leaf:" + seed);
    X509CertificateHolder leaf = Issuer.leaf(ca, caKey, key, endpoint.names(), new Issuer.Validity(NOT_BEFORE,
        NOT_AFTER, Issuer.serial("stackwright-test-leaf-serial:" + seed + ":" + endpoint.names())));
    return EndpointCertificate.builder(endpoint.instance()).chainPem(Pem.of(leaf)).caPem(Pem.of(ca))
        .privateKey(Secret.of(key.privateKeyPem())).names(endpoint.names()).notAfter(NOT_AFTER)
        .reason("first certificate", false).build();
  }

  @Override
  public String toString() {
    return "Certificates.forTests()";
  }
}
