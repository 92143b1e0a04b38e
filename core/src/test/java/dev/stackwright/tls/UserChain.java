package dev.stackwright.tls;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A chain and key as a user would bring them, made by a cluster CA of the test's own: the leaf, then its CA. */
record UserChain(String leafPem, String caPem, String keyPem) {
  String chainPem() {
    return leafPem + caPem;
  }

  /** A leaf that expires at {@code notAfter}, for {@code names}. */
  static UserChain make(Path dir, Instant notAfter, List<String> names) {
    // A cluster CA's leaf runs 397 days from its clock: set the clock so that it ends at notAfter.
    Clock clock = Clock.fixed(notAfter.minus(java.time.Duration.ofDays(Certificates.LEAF_DAYS)), ZoneOffset.UTC);
    EndpointCertificate c = Certificates.clusterCa(dir, clock).certificate("user",
        new TlsEndpoint("n", "leaf", names, false));
    return new UserChain(c.chainPem(), c.caPem(), c.privateKey().reveal());
  }
}
