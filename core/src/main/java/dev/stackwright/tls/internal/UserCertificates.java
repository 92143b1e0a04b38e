package dev.stackwright.tls.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.render.Secret;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.Certificates;
import dev.stackwright.tls.EndpointCertificate;
import dev.stackwright.tls.TlsEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The user's own certificate chain and key, from the renderer's secrets, for every endpoint. Read and checked at each
 * call (an edit of the secret takes effect at the next render); stackwright cannot renew it, so what will soon stop
 * working is a warning, what already does not is an error.
 */
public final class UserCertificates implements Certificates {
  private static final String FILE = "file:";

  private final SecretSource secrets;
  private final Clock clock;

  public UserCertificates(SecretSource secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override
  public EndpointCertificate certificate(String cluster, TlsEndpoint endpoint) {
    String chainPem = text(SecretName.TLS_CERTIFICATE_CHAIN);
    String keyPem = text(SecretName.TLS_PRIVATE_KEY);
    String chainWhat = "secret " + SecretName.TLS_CERTIFICATE_CHAIN.key();
    List<X509CertificateHolder> chain = Pem.certificates(chainPem, chainWhat, "give the certificate chain in PEM, "
        + "the server's certificate first, as " + SecretName.TLS_CERTIFICATE_CHAIN.environmentVariable()
        + " or as file:/absolute/path.pem");
    AsymmetricKeyParameter key = Pem.privateKey(keyPem, "secret " + SecretName.TLS_PRIVATE_KEY.key(),
        "give the unencrypted private key in PEM as " + SecretName.TLS_PRIVATE_KEY.environmentVariable()
            + " or as file:/absolute/path.key");
    Instant now = clock.instant();
    ChainChecks.check(chain, key, now);
    X509CertificateHolder leaf = chain.get(0);
    List<String> names = SanNames.of(leaf);
    String day = leaf.getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
    return EndpointCertificate.builder(endpoint.instance()).chainPem(chainPem.strip() + "\n")
        .caPem(Pem.of(chain.get(chain.size() - 1))).privateKey(Secret.of(keyPem.strip() + "\n")).names(names)
        .notAfter(leaf.getNotAfter().toInstant()).reason("the user's certificate, expires on " + day, false)
        .warnings(warnings(endpoint, cluster, leaf, names, now, day)).build();
  }

  /**
   * A leaf that expires within 30 days, or lacks one of the cluster's domains (its other names are the nodes'
   * addresses and host names, which a certificate of the user's need not carry).
   */
  private static List<String> warnings(TlsEndpoint endpoint, String cluster, X509CertificateHolder leaf,
      List<String> names, Instant now, String day) {
    List<String> warnings = new ArrayList<>();
    if (!leaf.getNotAfter().toInstant().isAfter(now.plus(Duration.ofDays(RENEW_WITHIN_DAYS)))) {
      warnings.add("the TLS certificate given in " + SecretName.TLS_CERTIFICATE_CHAIN.key() + " expires on " + day
          + ", within " + RENEW_WITHIN_DAYS + " days; fix: renew it with its issuer and give the new chain and key "
          + "(stackwright cannot renew a certificate of yours)");
    }
    List<String> missing = endpoint.names().stream().filter(n -> !SanNames.isAddress(n) && n.contains("."))
        .filter(n -> names.stream().noneMatch(p -> SanNames.covers(p, n))).toList();
    if (!missing.isEmpty()) {
      warnings.add("the TLS certificate given in " + SecretName.TLS_CERTIFICATE_CHAIN.key() + " does not carry "
          + missing + ", which cluster " + cluster + "'s tls().domains() name; fix: get a certificate that names them too, or remove them from tls().domains()");
    }
    return warnings;
  }

  /** The secret's PEM text: the value itself, or the file that {@code file:/path} names. */
  private String text(SecretName name) {
    Secret secret = secrets.find(name).orElseThrow(() -> new StackwrightException("secret " + name.key()
        + " is not set, and cluster tls() says USER_PROVIDED; fix: set " + name.environmentVariable() + " to the "
        + "PEM text, or put " + name.key() + "=file:/absolute/path.pem in the secrets file; or use tls().clusterCa()"));
    String value = secret.reveal();
    if (!value.startsWith(FILE)) {
      return value;
    }
    Path file = Path.of(value.substring(FILE.length()).strip());
    if (!file.isAbsolute()) {
      throw new StackwrightException("secret " + name.key() + " names the file " + file + ", which is not an "
          + "absolute path; fix: write file:/absolute/path.pem");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StackwrightException("secret " + name.key() + " names the file " + file + ", which cannot be read ("
          + e.getClass().getSimpleName() + "); fix: make it readable by this user");
    }
  }

  @Override
  public String toString() {
    return "Certificates.userProvided(" + secrets + ")";
  }
}
