package dev.stackwright.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the certificate tests share: endpoints, clocks, and PEM read back with the JDK's own X.509 parser. */
final class Pki {
  static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
  static final List<String> NAMES = List.of("10.0.10.1", "webserver-1", "webserver", "demo.example.org");

  private Pki() {}

  static TlsEndpoint endpoint(List<String> names) {
    return new TlsEndpoint("webserver-1", "webserver-1", names, false);
  }

  static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  static Clock daysLater(long days) {
    return at(NOW.plus(Duration.ofDays(days)));
  }

  static List<X509Certificate> certificates(String pem) {
    try {
      Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> list = new ArrayList<>();
      all.forEach(c -> list.add((X509Certificate) c));
      return list;
    } catch (Exception e) {
      throw new AssertionError("not PEM certificates: " + e, e);
    }
  }

  static X509Certificate leaf(EndpointCertificate c) {
    return certificates(c.chainPem()).get(0);
  }

  /** The leaf's subject alternative names as text, addresses and DNS names alike. */
  static List<String> altNames(X509Certificate c) {
    try {
      List<String> names = new ArrayList<>();
      c.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
      return names;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
