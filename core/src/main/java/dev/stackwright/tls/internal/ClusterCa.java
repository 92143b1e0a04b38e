package dev.stackwright.tls.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.render.Secret;
import dev.stackwright.tls.Certificates;
import dev.stackwright.tls.EndpointCertificate;
import dev.stackwright.tls.TlsEndpoint;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster CA kept in a directory: {@code ca.key} and {@code ca.crt}, then per endpoint {@code <instance>.key},
 * {@code <instance>.crt} and {@code <instance>.reason} (why it was issued, for the plan to say while the nodes still
 * have the one before). Made the first time it is asked for; leaves reused while good ({@link Renewal}).
 */
public final class ClusterCa implements Certificates {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterCa.class);
  private static final Duration CA_LIFE = Duration.ofDays(3653);
  /** A leaf is valid from a little before it is made, for nodes whose clocks run behind. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private final KeptFiles files;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ClusterCa(Path dir, Clock clock) {
    this.files = new KeptFiles(dir);
    this.clock = clock;
  }

  private record Authority(EcKey key, X509CertificateHolder certificate, String pem) {}

  @Override
  public synchronized EndpointCertificate certificate(String cluster, TlsEndpoint endpoint) {
    Authority ca = authority(cluster);
    Instant now = clock.instant();
    String instance = endpoint.instance();
    Optional<Kept> kept = kept(instance, ca);
    Optional<String> renew = kept.isEmpty()
        ? Optional.of(files.exists(instance + ".crt") ? "the kept certificate was unreadable" : Renewal.FIRST)
        : Renewal.reason(kept.get().leaf(), ca.certificate(), endpoint.names(), now);
    if (renew.isEmpty()) {
      return result(instance, kept.get().leaf(), kept.get().key(), ca, files.read(instance + ".reason")
          .map(String::strip).orElse(Renewal.FIRST), false);
    }
    EcKey key = EcKey.generate(random);
    X509CertificateHolder leaf = Issuer.leaf(ca.certificate(), ca.key(), key, endpoint.names(),
        new Issuer.Validity(now.minus(BACKDATE), now.plus(Duration.ofDays(LEAF_DAYS)), serial()));
    if (!endpoint.pending()) {
      // The key first: a certificate is never kept without the key it goes with.
      files.write(instance + ".key", key.privateKeyPem(), true);
      files.write(instance + ".crt", Pem.of(leaf), false);
      files.write(instance + ".reason", renew.get() + "\n", false);
      LOG.info("issued the certificate of {} in {}: {}", instance, files, renew.get());
    }
    return result(instance, leaf, key, ca, renew.get(), true);
  }

  private record Kept(X509CertificateHolder leaf, EcKey key) {}

  /** The kept leaf and its key, when both are there, readable and belong together. */
  private Optional<Kept> kept(String instance, Authority ca) {
    Optional<String> crt = files.read(instance + ".crt");
    Optional<String> pem = files.read(instance + ".key");
    if (crt.isEmpty() || pem.isEmpty()) {
      return Optional.empty();
    }
    try {
      String what = "the kept certificate of " + instance + " in " + files;
      X509CertificateHolder leaf = Pem.certificates(crt.get(), what, "delete it").get(0);
      EcKey key = ecKey(pem.get(), "the kept key of " + instance + " in " + files);
      return key.matches(leaf.getSubjectPublicKeyInfo()) ? Optional.of(new Kept(leaf, key)) : Optional.empty();
    } catch (StackwrightException e) {
      return Optional.empty();
    }
  }

  private EndpointCertificate result(String instance, X509CertificateHolder leaf, EcKey key, Authority ca,
      String reason, boolean now) {
    return EndpointCertificate.builder(instance).chainPem(Pem.of(leaf)).caPem(ca.pem())
        .privateKey(Secret.of(key.privateKeyPem())).names(SanNames.of(leaf)).notAfter(leaf.getNotAfter()
            .toInstant()).reason(reason, now).warnings(List.of()).build();
  }

  /** The CA, read from the directory or made and kept there the first time. */
  private Authority authority(String cluster) {
    Optional<String> crt = files.read("ca.crt");
    Optional<String> pem = files.read("ca.key");
    if (crt.isPresent() && pem.isPresent()) {
      X509CertificateHolder certificate = Pem.certificates(crt.get(), "the cluster CA's certificate "
          + files.dir().resolve("ca.crt"), "restore it from a backup, or move the directory away to start a new CA")
          .get(0);
      EcKey key = ecKey(pem.get(), "the cluster CA's key " + files.dir().resolve("ca.key"));
      if (!key.matches(certificate.getSubjectPublicKeyInfo())) {
        throw new StackwrightException("the cluster CA's key and certificate in " + files + " do not belong "
            + "together; fix: restore both from a backup, or move the directory away to start a new CA (every "
            + "endpoint then gets a new certificate, and clients must trust the new ca.crt)");
      }
      return new Authority(key, certificate, crt.get());
    }
    if (crt.isPresent() || pem.isPresent()) {
      throw new StackwrightException("the cluster CA in " + files + " has " + (crt.isPresent() ? "ca.crt but no ca.key"
          : "ca.key but no ca.crt") + "; fix: restore the missing file, or move the directory away to start a new CA");
    }
    return make(cluster);
  }

  private Authority make(String cluster) {
    Instant now = clock.instant();
    EcKey key = EcKey.generate(random);
    X509CertificateHolder certificate = Issuer.ca(cluster, key, new Issuer.Validity(now.minus(BACKDATE),
        now.plus(CA_LIFE), serial()));
    String pem = Pem.of(certificate);
    files.write("ca.key", key.privateKeyPem(), true);
    files.write("ca.crt", pem, false);
    LOG.info("made the cluster CA of {} in {}", cluster, files);
    return new Authority(key, certificate, pem);
  }

  private static EcKey ecKey(String pem, String what) {
    if (Pem.privateKey(pem, what, "move the directory away to start a new CA") instanceof ECPrivateKeyParameters ec) {
      return EcKey.of(ec);
    }
    throw new StackwrightException(what + " is not an ECDSA P-256 key; fix: move the directory away to start a new CA");
  }

  private java.math.BigInteger serial() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Issuer.serial(bytes);
  }

  @Override
  public String toString() {
    return "Certificates.clusterCa(" + files + ")";
  }
}
