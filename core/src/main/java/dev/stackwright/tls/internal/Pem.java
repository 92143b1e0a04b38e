package dev.stackwright.tls.internal;

import dev.stackwright.StackwrightException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text in and out. A failure names what was read ({@code secret tls_private_key}, a file) and never quotes it:
 * the text may be a key.
 */
public final class Pem {
  private Pem() {}

  /** One certificate as PEM. */
  public static String of(X509CertificateHolder certificate) {
    try {
      StringWriter text = new StringWriter();
      try (PemWriter pem = new PemWriter(text)) {
        pem.writeObject(new PemObject("CERTIFICATE", certificate.getEncoded()));
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every certificate in {@code text}, in order; at least one. */
  public static List<X509CertificateHolder> certificates(String text, String what, String fix) {
    List<X509CertificateHolder> found = new ArrayList<>();
    for (Object o : objects(text, what, fix)) {
      if (o instanceof X509CertificateHolder c) {
        found.add(c);
      }
    }
    if (found.isEmpty()) {
      throw new StackwrightException(what + " holds no PEM certificate (-----BEGIN CERTIFICATE-----); fix: " + fix);
    }
    return found;
  }

  /** The one private key in {@code text}: PKCS#8 ({@code PRIVATE KEY}) or the EC and RSA forms of OpenSSL. */
  public static AsymmetricKeyParameter privateKey(String text, String what, String fix) {
    for (Object o : objects(text, what, fix)) {
      try {
        if (o instanceof PrivateKeyInfo info) {
          return PrivateKeyFactory.createKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return PrivateKeyFactory.createKey(pair.getPrivateKeyInfo());
        }
      } catch (IOException | RuntimeException e) {
        throw new StackwrightException(what + " holds a private key of a kind stackwright cannot read ("
            + e.getClass().getSimpleName() + "); fix: " + fix);
      }
    }
    throw new StackwrightException(what + " holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----); fix: "
        + fix);
  }

  private static List<Object> objects(String text, String what, String fix) {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        objects.add(o);
      }
    } catch (IOException | RuntimeException e) {
      // The parser's own message may quote the text: only its kind is passed on.
      throw new StackwrightException(what + " is not valid PEM (" + e.getClass().getSimpleName() + "); fix: " + fix);
    }
    return objects;
  }
}
