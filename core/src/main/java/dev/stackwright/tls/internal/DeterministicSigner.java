package dev.stackwright.tls.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.operator.ContentSigner;

/**
 * ECDSA with SHA-256 and the nonce of RFC 6979 (derived from the key and the message): the same certificate bytes for
 * the same inputs, which the test certificates need, and no dependence on a random source at signing, which real ones
 * are better for too.
 */
final class DeterministicSigner implements ContentSigner {
  private final DSADigestSigner signer;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  DeterministicSigner(EcKey key) {
    this.signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())),
        new SHA256Digest());
    signer.init(true, key.privateKey());
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
  }

  @Override
  public OutputStream getOutputStream() {
    return data;
  }

  @Override
  public byte[] getSignature() {
    byte[] bytes = data.toByteArray();
    signer.update(bytes, 0, bytes.length);
    return signer.generateSignature();
  }

  /** Signs {@code bytes}: what shows a key and a certificate belong together. */
  static byte[] sign(EcKey key, byte[] bytes) {
    DeterministicSigner s = new DeterministicSigner(key);
    try {
      s.getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.getSignature();
  }
}
