package dev.stackwright.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSL, what nginx reads the files with, reads them as we wrote them. */
class OpensslAgreesTest {
  @TempDir
  Path tmp;
  private EndpointCertificate issued;

  @BeforeEach
  void issue() throws IOException {
    issued = Certificates.clusterCa(tmp.resolve("tls"), Pki.at(java.time.Instant.now()))
        .certificate("seed", Pki.endpoint(Pki.NAMES));
    Files.writeString(tmp.resolve("ca.crt"), issued.caPem());
    Files.writeString(tmp.resolve("leaf.crt"), issued.chainPem());
    Files.writeString(tmp.resolve("leaf.key"), issued.privateKey().reveal());
  }

  @Test
  void verifiesTheLeafAgainstTheCa() {
    // when
    String out = openssl("verify", "-CAfile", "ca.crt", "leaf.crt");

    // then
    assertThat(out).contains("leaf.crt: OK");
  }

  @Test
  void readsTheNamesWeGave() {
    // when
    String out = openssl("x509", "-noout", "-ext", "subjectAltName", "-in", "leaf.crt");

    // then
    assertThat(out).contains("IP Address:10.0.10.1", "DNS:webserver-1", "DNS:webserver", "DNS:demo.example.org");
  }

  @Test
  void findsTheKeyIsTheCertificates() {
    // when
    String fromKey = openssl("pkey", "-in", "leaf.key", "-pubout");
    String fromCertificate = openssl("x509", "-noout", "-pubkey", "-in", "leaf.crt");

    // then
    assertThat(fromKey).startsWith("-----BEGIN PUBLIC KEY-----").isEqualTo(fromCertificate);
  }

  /** Runs openssl in the test's directory: its output, or the test skipped (failed under CI=true) without it. */
  private String openssl(String... args) {
    Path openssl = Path.of("/usr/bin/openssl");
    if (!Files.isExecutable(openssl)) {
      String why = "openssl is not installed (Debian package openssl)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(why + "; under CI=true that is a failure, not a skip");
      }
      Assumptions.abort(why);
    }
    List<String> command = new java.util.ArrayList<>(List.of(openssl.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("openssl " + String.join(" ", args) + " did not finish in 30 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), out).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
