package dev.stackwright.tls.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A leaf kept in the cluster CA's directory, read with the JDK's own X.509 and EC code: finding that a certificate is
 * still good, what every render but the first does, opens no BouncyCastle class (the first one costs a few hundred
 * milliseconds: its signed jars are verified as they open), so only an issue does.
 */
record KeptLeaf(String chainPem, String keyPem, List<String> names, Instant notAfter, boolean signedByCa) {
  private static final byte[] PROBE = "stackwright: does this key go with this certificate?"
      .getBytes(StandardCharsets.US_ASCII);

  /** The kept leaf, when its certificate and key are there, readable and go together. */
  static Optional<KeptLeaf> read(KeptFiles files, String instance, X509Certificate ca) {
    Optional<String> crt = files.read(instance + ".crt");
    Optional<String> key = files.read(instance + ".key");
    if (crt.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    try {
      X509Certificate leaf = certificate(crt.get());
      if (!keyMatches(leaf, key.get())) {
        return Optional.empty();
      }
      return Optional.of(new KeptLeaf(crt.get(), key.get(), names(leaf), leaf.getNotAfter().toInstant(),
          signedBy(leaf, ca)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The first certificate of PEM text. */
  static X509Certificate certificate(String pem) throws GeneralSecurityException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static boolean signedBy(X509Certificate leaf, X509Certificate ca) {
    if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      leaf.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Whether the PKCS#8 key signs what the certificate's key verifies. */
  private static boolean keyMatches(X509Certificate leaf, String pem) throws GeneralSecurityException {
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
    Signature sign = Signature.getInstance("SHA256withECDSA");
    sign.initSign(key);
    sign.update(PROBE);
    byte[] signature = sign.sign();
    Signature verify = Signature.getInstance("SHA256withECDSA");
    verify.initVerify(leaf.getPublicKey());
    verify.update(PROBE);
    return verify.verify(signature);
  }

  /** The body of a one-block PEM text. */
  private static byte[] der(String pem) {
    StringBuilder body = new StringBuilder();
    pem.lines().filter(l -> !l.startsWith("-----")).forEach(l -> body.append(l.strip()));
    return Base64.getDecoder().decode(body.toString());
  }

  /** The subject alternative names as text, as {@link SanNames} writes them. */
  private static List<String> names(X509Certificate leaf) throws GeneralSecurityException {
    List<String> names = new ArrayList<>();
    var general = leaf.getSubjectAlternativeNames();
    if (general != null) {
      general.forEach(n -> names.add(String.valueOf(n.get(1))));
    }
    return names;
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "KeptLeaf[names=" + names + ", notAfter=" + notAfter + "]";
  }
}
