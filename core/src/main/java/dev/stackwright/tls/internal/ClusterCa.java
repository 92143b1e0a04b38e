package dev.stackwright.tls.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Ipv4Address;
import dev.stackwright.render.Secret;
import dev.stackwright.tls.Certificates;
import dev.stackwright.tls.EndpointCertificate;
import dev.stackwright.tls.TlsEndpoint;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
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
    String caPem = caCertificate(cluster);
    X509Certificate caCertificate = jdkCertificate(caPem);
    String instance = keptName(endpoint);
    Optional<KeptLeaf> kept = KeptLeaf.read(files, instance, caCertificate);
    Optional<String> renew = kept.isEmpty()
        ? Optional.of(files.exists(instance + ".crt") ? "the kept certificate was unreadable" : Renewal.FIRST)
        : Renewal.reason(kept.get(), endpoint.names(), clock.instant());
    EndpointCertificate.Builder b;
    if (renew.isPresent()) {
      b = issue(caPem, endpoint, renew.get());
    } else {
      KeptLeaf leaf = kept.get();
      String reason = files.read(instance + ".reason").map(String::strip).orElse(Renewal.FIRST);
      b = EndpointCertificate.builder(endpoint.instance()).chainPem(leaf.chainPem()).caPem(caPem)
          .privateKey(Secret.of(leaf.keyPem())).names(leaf.names()).notAfter(leaf.notAfter()).reason(reason, false);
    }
    return b.warnings(caWarnings(caCertificate)).build();
  }

  /**
   * The CA's end in sight: within a leaf's life, leaves are cut short to end with it (and, within the last 30 days,
   * reissued at every render), so the user is told to start a new CA.
   */
  private List<String> caWarnings(X509Certificate ca) {
    Instant end = ca.getNotAfter().toInstant();
    if (end.isAfter(clock.instant().plus(Duration.ofDays(LEAF_DAYS)))) {
      return List.of();
    }
    return List.of("the cluster CA in " + files + " expires on " + end.atZone(java.time.ZoneOffset.UTC)
        .toLocalDate() + ", and the certificates it issues end with it; fix: move the directory away to start a new"
        + " CA (every endpoint then gets a new certificate, and clients must trust the new ca.crt)");
  }

  /**
   * The name an endpoint's leaf is kept under: its instance's, or {@code <instance>.local} when it names a loopback
   * address (the local run's, whose facts make 127.0.X.Y the public address). The local run and the cloud then each
   * keep their own leaf from the one CA, where sharing one file made each reissue the other's ("names changed") at
   * every switch between them.
   */
  static String keptName(TlsEndpoint endpoint) {
    boolean loopback = endpoint.names().stream().anyMatch(n -> n.startsWith("127.")
        && Ipv4Address.tryParse(n).isPresent());
    return loopback ? endpoint.instance() + ".local" : endpoint.instance();
  }

  /** A new leaf for the endpoint, kept with {@code reason} unless a name of it is still to come. */
  private EndpointCertificate.Builder issue(String caPem, TlsEndpoint endpoint, String reason) {
    Authority ca = authority(caPem);
    Instant now = clock.instant();
    String instance = keptName(endpoint);
    EcKey key = EcKey.generate(random);
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    Instant end = now.plus(Duration.ofDays(LEAF_DAYS));
    X509CertificateHolder leaf = Issuer.leaf(ca.certificate(), ca.key(), key, endpoint.names(),
        new Issuer.Validity(now.minus(BACKDATE), end.isAfter(caEnd) ? caEnd : end, serial()));
    String keyPem = key.privateKeyPem();
    if (!endpoint.pending()) {
      // The key first: a certificate is never kept without the key it goes with.
      files.write(instance + ".key", keyPem, true);
      files.write(instance + ".crt", Pem.of(leaf), false);
      files.write(instance + ".reason", reason + "\n", false);
      LOG.info("issued the certificate of {} in {}: {}", instance, files, reason);
    }
    return EndpointCertificate.builder(endpoint.instance()).chainPem(Pem.of(leaf)).caPem(caPem)
        .privateKey(Secret.of(keyPem))
        .names(SanNames.of(leaf)).notAfter(leaf.getNotAfter().toInstant()).reason(reason, true);
  }

  /** The CA's certificate as PEM: kept, or made and kept now the first time. */
  private String caCertificate(String cluster) {
    Optional<String> crt = files.read("ca.crt");
    boolean key = files.exists("ca.key");
    if (crt.isPresent() && key) {
      return crt.get();
    }
    if (crt.isPresent() || key) {
      throw new StackwrightException("the cluster CA in " + files + " has " + (key ? "ca.key but no ca.crt"
          : "ca.crt but no ca.key") + "; fix: restore the missing file, or move the directory away to start a new CA");
    }
    return make(cluster).pem();
  }

  private X509Certificate jdkCertificate(String pem) {
    try {
      return KeptLeaf.certificate(pem);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new StackwrightException("the cluster CA's certificate " + files.dir().resolve("ca.crt") + " cannot be"
          + " read (" + e.getClass().getSimpleName() + "); fix: restore it from a backup, or move the directory away"
          + " to start a new CA");
    }
  }

  /** The CA with its key, for an issue: the key must be the certificate's. */
  private Authority authority(String caPem) {
    X509CertificateHolder certificate = Pem.certificates(caPem, "the cluster CA's certificate "
        + files.dir().resolve("ca.crt"), "restore it from a backup, or move the directory away to start a new CA")
        .get(0);
    String pem = files.read("ca.key").orElseThrow(() -> new StackwrightException("the cluster CA in " + files
        + " has ca.crt but no ca.key; fix: restore the missing file, or move the directory away to start a new CA"));
    EcKey key = ecKey(pem, "the cluster CA's key " + files.dir().resolve("ca.key"));
    if (!key.matches(certificate.getSubjectPublicKeyInfo())) {
      throw new StackwrightException("the cluster CA's key and certificate in " + files + " do not belong "
          + "together; fix: restore both from a backup, or move the directory away to start a new CA (every "
          + "endpoint then gets a new certificate, and clients must trust the new ca.crt)");
    }
    return new Authority(key, certificate, caPem);
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
