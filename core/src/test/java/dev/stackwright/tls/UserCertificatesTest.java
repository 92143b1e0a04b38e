package dev.stackwright.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCertificatesTest {
  @TempDir
  Path tmp;

  /** A chain of the user's, from a CA of theirs, for {@code names} until {@code notAfter}. */
  private UserChain chain(Instant notAfter, String... names) {
    return UserChain.make(tmp.resolve("ca-" + notAfter.getEpochSecond()), notAfter, List.of(names));
  }

  private static EndpointCertificate use(String chain, String key) {
    SecretSource secrets = SecretSource.of(Map.of(SecretName.TLS_CERTIFICATE_CHAIN, chain,
        SecretName.TLS_PRIVATE_KEY, key));
    return Certificates.userProvided(secrets, Pki.at(Pki.NOW)).certificate("seed",
        Pki.endpoint(List.of("10.0.10.1", "webserver-1", "demo.example.org")));
  }

  @Test
  void theUsersChainAndKeyServeEveryEndpoint() {
    // given
    UserChain user = chain(Pki.NOW.plus(Duration.ofDays(90)), "demo.example.org");

    // when
    EndpointCertificate c = use(user.chainPem(), user.keyPem());

    // then
    assertThat(c.chainPem()).isEqualTo(user.chainPem());
    assertThat(c.caPem()).isEqualTo(user.caPem());
    assertThat(c.names()).containsExactly("demo.example.org");
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedWithoutShowingIt() {
    // given
    UserChain user = chain(Pki.NOW.plus(Duration.ofDays(90)), "demo.example.org");
    UserChain other = chain(Pki.NOW.plus(Duration.ofDays(91)), "demo.example.org");

    // when / then
    assertThatThrownBy(() -> use(user.chainPem(), other.keyPem())).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("secret tls_private_key is not the key of the first certificate")
        .hasMessageNotContaining(other.keyPem().lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void aChainOutOfOrderIsRefused() {
    // given
    UserChain user = chain(Pki.NOW.plus(Duration.ofDays(90)), "demo.example.org");
    UserChain other = chain(Pki.NOW.plus(Duration.ofDays(91)), "demo.example.org");

    // when / then
    assertThatThrownBy(() -> use(user.leafPem() + other.caPem(), user.keyPem()))
        .isInstanceOf(StackwrightException.class)
        .hasMessageContaining("certificate 1 (CN=demo.example.org) is not signed by certificate 2")
        .hasMessageContaining("fix: order the chain");
  }

  @Test
  void anExpiredCertificateIsRefused() {
    // given
    UserChain user = chain(Pki.NOW.minus(Duration.ofDays(10)), "demo.example.org");

    // when / then
    assertThatThrownBy(() -> use(user.chainPem(), user.keyPem())).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("secret tls_certificate_chain certificate 1 (CN=demo.example.org) expired on");
  }

  @Test
  void aCertificateExpiringWithin30DaysIsAWarningWithWhatToDo() {
    // given
    UserChain user = chain(Pki.NOW.plus(Duration.ofDays(20)), "demo.example.org");

    // when
    EndpointCertificate c = use(user.chainPem(), user.keyPem());

    // then
    assertThat(c.warnings()).singleElement().asString().contains("expires on 2026-12-27, within 30 days")
        .contains("stackwright cannot renew a certificate of yours");
  }

  @Test
  void aDomainTheCertificateDoesNotCarryIsAWarning() {
    // given
    UserChain user = chain(Pki.NOW.plus(Duration.ofDays(90)), "www.example.org");

    // when
    EndpointCertificate c = use(user.chainPem(), user.keyPem());

    // then
    assertThat(c.warnings()).singleElement().asString().contains("does not carry [demo.example.org]");
  }

  @Test
  void aWildcardCoversItsDomain() {
    // given
    UserChain user = chain(Pki.NOW.plus(Duration.ofDays(90)), "*.example.org");

    // when
    EndpointCertificate c = use(user.chainPem(), user.keyPem());

    // then
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void notPemIsAnErrorNamingTheSecretNotItsValue() {
    // given
    UserChain user = chain(Pki.NOW.plus(Duration.ofDays(90)), "demo.example.org");

    // when / then
    assertThatThrownBy(() -> use("hunter2-not-a-certificate", user.keyPem())).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("secret tls_certificate_chain holds no PEM certificate")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aSecretMayNameAFileOfPem() throws Exception {
    // given
    UserChain user = chain(Pki.NOW.plus(Duration.ofDays(90)), "demo.example.org");
    Path chain = Files.writeString(tmp.resolve("chain.pem"), user.chainPem());
    Path key = Files.writeString(tmp.resolve("key.pem"), user.keyPem());

    // when
    EndpointCertificate c = use("file:" + chain, "file:" + key);

    // then
    assertThat(c.chainPem()).isEqualTo(user.chainPem());
    assertThat(c.privateKey().reveal()).isEqualTo(user.keyPem());
  }

  @Test
  void aMissingSecretSaysHowToGiveIt() {
    // given
    Certificates user = Certificates.userProvided(SecretSource.forTests(), Pki.at(Pki.NOW));

    // when / then
    assertThatThrownBy(() -> user.certificate("seed", Pki.endpoint(Pki.NAMES)))
        .isInstanceOf(StackwrightException.class)
        .hasMessageContaining("secret tls_certificate_chain is not set")
        .hasMessageContaining("STACKWRIGHT_SECRET_TLS_CERTIFICATE_CHAIN");
  }

  @Test
  void generatedSecretsNeverMakeUpACertificate() {
    // given
    SecretSource generated = SecretSource.generatedIn(tmp.resolve("secrets.properties"));

    // when / then
    assertThat(generated.find(SecretName.TLS_PRIVATE_KEY)).isEmpty();
    assertThat(generated.find(SecretName.TLS_CERTIFICATE_CHAIN)).isEmpty();
  }

  @Test
  void aServiceCannotTakeTheTlsSecretsKeysForItsOwn() {
    // when / then
    assertThatThrownBy(() -> SecretName.of("tls_private_key", 32)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret[tls_private_key] is the user's TLS certificate or key, never generated");
  }
}
