package dev.stackwright.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestCertificatesTest {
  @Test
  void theSameEndpointGetsTheSameBytesEveryTime() {
    // given
    Certificates tests = Certificates.forTests();

    // when
    EndpointCertificate a = tests.certificate("seed", Pki.endpoint(Pki.NAMES));
    EndpointCertificate b = tests.certificate("seed", Pki.endpoint(Pki.NAMES));

    // then
    assertThat(b.chainPem()).isEqualTo(a.chainPem());
    assertThat(b.caPem()).isEqualTo(a.caPem());
    assertThat(b.privateKey()).isEqualTo(a.privateKey());
  }

  @Test
  void anotherClusterGetsAnotherCa() {
    // when
    EndpointCertificate seed = Certificates.forTests().certificate("seed", Pki.endpoint(Pki.NAMES));
    EndpointCertificate other = Certificates.forTests().certificate("other", Pki.endpoint(Pki.NAMES));

    // then
    assertThat(other.caPem()).isNotEqualTo(seed.caPem());
    assertThat(other.privateKey()).isNotEqualTo(seed.privateKey());
  }

  @Test
  void itsLeafIsSignedByItsCaForTheNamesUntil2099() throws Exception {
    // when
    EndpointCertificate c = Certificates.forTests().certificate("seed", Pki.endpoint(Pki.NAMES));

    // then
    X509Certificate leaf = Pki.leaf(c);
    leaf.verify(Pki.certificates(c.caPem()).get(0).getPublicKey());
    assertThat(Pki.altNames(leaf)).containsExactlyElementsOf(Pki.NAMES);
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
  }
}
