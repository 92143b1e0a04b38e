package dev.stackwright.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCaTest {
  @TempDir
  Path tmp;

  private Path dir() {
    return tmp.resolve("seed").resolve("tls");
  }

  private EndpointCertificate issue(long daysLater, List<String> names) {
    return Certificates.clusterCa(dir(), Pki.daysLater(daysLater)).certificate("seed", Pki.endpoint(names));
  }

  @Test
  void keepsTheKeysOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
    // given
    Certificates ca = Certificates.clusterCa(dir(), Pki.at(Pki.NOW));

    // when
    ca.certificate("seed", Pki.endpoint(Pki.NAMES));

    // then
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("ca.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("webserver-1.key"))))
        .isEqualTo("rw-------");
    assertThat(dir().resolve("ca.crt")).exists();
    assertThat(dir().resolve("webserver-1.crt")).exists();
  }

  @Test
  void onlyTheCasOwnDirectoryIsPrivateNotTheParentsItMakes() throws Exception {
    // given
    Path nested = dir().resolve("state").resolve("seed").resolve("tls");

    // when
    Certificates.clusterCa(nested, Pki.at(Pki.NOW)).certificate("seed", Pki.endpoint(Pki.NAMES));

    // then
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent())))
        .isNotEqualTo("rwx------");
  }

  @Test
  void aLocalRunsLeafIsKeptApartSoTheCloudsIsNotReissued() throws Exception {
    // given
    EndpointCertificate cloud = issue(0, Pki.NAMES);
    List<String> local = new java.util.ArrayList<>(Pki.NAMES);
    local.add(0, "127.0.10.1");

    // when
    EndpointCertificate localLeaf = issue(1, local);
    EndpointCertificate cloudAgain = issue(2, Pki.NAMES);

    // then
    assertThat(localLeaf.issuedNow()).isTrue();
    assertThat(Pki.altNames(Pki.leaf(localLeaf))).contains("127.0.10.1");
    assertThat(cloudAgain.issuedNow()).isFalse();
    assertThat(cloudAgain.chainPem()).isEqualTo(cloud.chainPem());
    assertThat(issue(3, local).chainPem()).isEqualTo(localLeaf.chainPem());
  }

  @Test
  void theCaCanSignCertificatesOnlyForTenYearsUnderTheClustersName() {
    // when
    EndpointCertificate c = issue(0, Pki.NAMES);

    // then
    X509Certificate ca = Pki.certificates(c.caPem()).get(0);
    assertThat(ca.getSubjectX500Principal().getName()).contains("CN=stackwright seed CA");
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
    assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()).toDays())
        .isBetween(3650L, 3660L);
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void aLeafServesTlsForTheEndpointsNamesForAbout397Days() throws Exception {
    // when
    EndpointCertificate c = issue(0, Pki.NAMES);

    // then
    X509Certificate leaf = Pki.leaf(c);
    X509Certificate ca = Pki.certificates(c.caPem()).get(0);
    leaf.verify(ca.getPublicKey());
    assertThat(Pki.altNames(leaf)).containsExactlyElementsOf(Pki.NAMES);
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=webserver-1");
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(Duration.between(Pki.NOW, leaf.getNotAfter().toInstant()).toDays()).isEqualTo(397);
    assertThat(c.reason()).isEqualTo("first certificate");
    assertThat(c.issuedNow()).isTrue();
  }

  @Test
  void aLeafStillGoodIsReusedWithTheReasonItWasIssued() {
    // given
    EndpointCertificate first = issue(0, Pki.NAMES);

    // when
    EndpointCertificate later = issue(300, Pki.NAMES);

    // then
    assertThat(later.chainPem()).isEqualTo(first.chainPem());
    assertThat(later.privateKey()).isEqualTo(first.privateKey());
    assertThat(later.issuedNow()).isFalse();
    assertThat(later.reason()).isEqualTo("first certificate");
  }

  @Test
  void aLeafExpiringWithin30DaysIsRenewedAndSaysWhen() {
    // given
    EndpointCertificate first = issue(0, Pki.NAMES);

    // when
    EndpointCertificate renewed = issue(370, Pki.NAMES);

    // then
    assertThat(renewed.chainPem()).isNotEqualTo(first.chainPem());
    assertThat(renewed.privateKey()).isNotEqualTo(first.privateKey());
    assertThat(renewed.reason()).isEqualTo("expires on 2028-01-08, within 30 days");
    assertThat(renewed.caPem()).isEqualTo(first.caPem());
  }

  @Test
  void theRenewalsReasonIsKeptForTheRunsAfterIt() {
    // given
    EndpointCertificate renewed = issue(0, Pki.NAMES);
    renewed = issue(370, Pki.NAMES);

    // when
    EndpointCertificate again = issue(371, Pki.NAMES);

    // then
    assertThat(again.chainPem()).isEqualTo(renewed.chainPem());
    assertThat(again.issuedNow()).isFalse();
    assertThat(again.reason()).isEqualTo("expires on 2028-01-08, within 30 days");
  }

  @Test
  void otherNamesReissueTheLeafAndSayWhichChanged() {
    // given
    issue(0, List.of("10.0.10.1", "webserver-1", "old.example.org"));

    // when
    EndpointCertificate c = issue(1, List.of("10.0.10.1", "webserver-1", "10.0.10.4"));

    // then
    assertThat(c.reason()).isEqualTo("names changed: + 10.0.10.4, - old.example.org");
    assertThat(Pki.altNames(Pki.leaf(c))).contains("10.0.10.4").doesNotContain("old.example.org");
  }

  @Test
  void anEndpointWithANameStillToComeGetsACertificateThatIsNotKept() {
    // given
    TlsEndpoint pending = new TlsEndpoint("webserver-1", "webserver-1", Pki.NAMES, true);

    // when
    EndpointCertificate c = Certificates.clusterCa(dir(), Pki.at(Pki.NOW)).certificate("seed", pending);

    // then
    assertThat(Pki.altNames(Pki.leaf(c))).containsExactlyElementsOf(Pki.NAMES);
    assertThat(dir().resolve("webserver-1.crt")).doesNotExist();
    assertThat(dir().resolve("webserver-1.key")).doesNotExist();
  }

  @Test
  void aCaCertificateWithoutItsKeyIsAnErrorNotANewCa() throws Exception {
    // given
    issue(0, Pki.NAMES);
    Files.delete(dir().resolve("ca.key"));

    // when / then
    assertThatThrownBy(() -> issue(1, Pki.NAMES)).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("has ca.crt but no ca.key")
        .hasMessageContaining("fix: restore the missing file, or move the directory away to start a new CA");
  }

  @Test
  void aNewCaReissuesEveryLeaf() throws Exception {
    // given
    issue(0, Pki.NAMES);
    Files.delete(dir().resolve("ca.key"));
    Files.delete(dir().resolve("ca.crt"));

    // when
    EndpointCertificate c = issue(1, Pki.NAMES);

    // then
    assertThat(c.reason()).isEqualTo("the cluster CA changed");
  }

  @Test
  void noTextOfItShowsAKey() {
    // given
    Certificates ca = Certificates.clusterCa(dir(), Pki.at(Pki.NOW));

    // when
    EndpointCertificate c = ca.certificate("seed", Pki.endpoint(Pki.NAMES));

    // then
    String key = c.privateKey().reveal();
    assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(c.toString()).doesNotContain(key.lines().skip(1).findFirst().orElseThrow());
    assertThat(c.privateKey().toString()).isEqualTo("Secret[****]");
    assertThat(ca.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void aCaEndingWithinALeafsLifeCutsItsLeavesShortAndSaysToStartANewOne() {
    // given a CA made ten years ago, less 100 days
    issue(0, Pki.NAMES);

    // when
    EndpointCertificate c = issue(3653 - 100, List.of("10.0.10.1", "webserver-1", "new.example.org"));

    // then
    X509Certificate ca = Pki.certificates(c.caPem()).get(0);
    assertThat(Pki.leaf(c).getNotAfter()).isEqualTo(ca.getNotAfter());
    assertThat(c.warnings()).singleElement().asString().contains("the cluster CA in")
        .contains("fix: move the directory away to start a new CA");
  }
}
