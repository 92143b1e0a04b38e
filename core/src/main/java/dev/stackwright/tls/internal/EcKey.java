package dev.stackwright.tls.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An ECDSA P-256 key pair, made with BouncyCastle's lightweight API (no JCA provider registered anywhere). Its
 * {@link #toString()} never shows the private key.
 */
public final class EcKey {
  private static final X9ECParameters CURVE = SECNamedCurves.getByName("secp256r1");
  static final ECNamedDomainParameters DOMAIN = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, CURVE);

  private final ECPrivateKeyParameters privateKey;
  private final ECPublicKeyParameters publicKey;

  private EcKey(ECPrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = new ECPublicKeyParameters(new FixedPointCombMultiplier().multiply(DOMAIN.getG(),
        privateKey.getD()).normalize(), DOMAIN);
  }

  /** A fresh key from a strong random source. */
  public static EcKey generate(SecureRandom random) {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(DOMAIN, random));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return new EcKey((ECPrivateKeyParameters) pair.getPrivate());
  }

  /** A key derived from {@code seed} alone: the same on every run and machine. For tests only: anyone can derive it. */
  public static EcKey derived(String seed) {
    BigInteger n = DOMAIN.getN();
    BigInteger d = new BigInteger(1, sha256(seed)).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    return new EcKey(new ECPrivateKeyParameters(d, DOMAIN));
  }

  /** The key a PKCS#8 or SEC 1 PEM holds, when it is a P-256 key. */
  static EcKey of(ECPrivateKeyParameters key) {
    return new EcKey(new ECPrivateKeyParameters(key.getD(), DOMAIN));
  }

  ECPrivateKeyParameters privateKey() {
    return privateKey;
  }

  public ECPublicKeyParameters publicKey() {
    return publicKey;
  }

  SubjectPublicKeyInfo publicKeyInfo() {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code info}, a certificate's public key, is this key's. */
  boolean matches(SubjectPublicKeyInfo info) {
    return java.util.Arrays.equals(publicKeyInfo().getPublicKeyData().getBytes(), info.getPublicKeyData().getBytes());
  }

  /** The private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), what nginx and openssl read. */
  public String privateKeyPem() {
    try {
      StringWriter text = new StringWriter();
      try (PemWriter pem = new PemWriter(text)) {
        pem.writeObject(new PemObject("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey)
            .getEncoded()));
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "EcKey[P-256, private key not shown]";
  }
}
