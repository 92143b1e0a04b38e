package dev.stackwright.tls.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * Makes the cluster CA's certificate and the endpoints' leaf certificates: X.509 v3, ECDSA P-256 with SHA-256. The
 * CA may sign certificates only (keyCertSign, cRLSign, no path below it); a leaf serves TLS (digitalSignature,
 * serverAuth) for its subject alternative names, the first DNS one of which is also its common name.
 */
public final class Issuer {
  private Issuer() {}

  /** When a certificate is valid, and its serial number (positive, at most 20 bytes). */
  public record Validity(Instant notBefore, Instant notAfter, BigInteger serial) {}

  /** The self-signed certificate of the CA named {@code "stackwright <cluster> CA"}. */
  public static X509CertificateHolder ca(String cluster, EcKey key, Validity validity) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "stackwright")
        .addRDN(BCStyle.CN, "stackwright " + cluster + " CA").build();
    try {
      BcX509ExtensionUtils ids = new BcX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(name, name, key, validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(key.publicKeyInfo()));
      return b.build(new DeterministicSigner(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A leaf for {@code names} (addresses and DNS names), signed by the CA. */
  public static X509CertificateHolder leaf(X509CertificateHolder ca, EcKey caKey, EcKey key, List<String> names,
      Validity validity) {
    // Clients read the names, not the common name; a DNS name there reads better in a browser's dialog.
    String common = names.stream().filter(n -> !SanNames.isAddress(n)).findFirst().orElse(names.get(0));
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, common).build();
    try {
      BcX509ExtensionUtils ids = new BcX509ExtensionUtils();
      X509v3CertificateBuilder b = builder(ca.getSubject(), subject, key, validity)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, SanNames.encode(names))
          .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(key.publicKeyInfo()))
          .addExtension(Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(ca));
      return b.build(new DeterministicSigner(caKey));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, EcKey key, Validity v) {
    return new X509v3CertificateBuilder(issuer, v.serial(), Date.from(v.notBefore()), Date.from(v.notAfter()),
        subject, key.publicKeyInfo());
  }

  /** A serial number from 16 bytes (random ones for a real certificate, a seed's hash for a test one). */
  public static BigInteger serial(byte[] sixteen) {
    byte[] bytes = java.util.Arrays.copyOf(sixteen, 16);
    bytes[0] &= 0x7f; // positive, as RFC 5280 asks
    BigInteger serial = new BigInteger(1, bytes);
    return serial.signum() == 0 ? BigInteger.ONE : serial;
  }

  /** A serial number derived from {@code seed}: for test certificates. */
  public static BigInteger serial(String seed) {
    return serial(EcKey.sha256(seed));
  }
}
