package dev.stackwright.tls.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.render.SecretName;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** What a user's chain and key must be: the key the leaf's, each certificate signed by the next, none expired. */
final class ChainChecks {
  private static final String CHAIN = "secret " + SecretName.TLS_CERTIFICATE_CHAIN.key();

  private ChainChecks() {}

  static void check(List<X509CertificateHolder> chain, AsymmetricKeyParameter key, Instant now) {
    if (!keyMatches(chain.get(0), key)) {
      throw new StackwrightException("secret " + SecretName.TLS_PRIVATE_KEY.key() + " is not the key of the first "
          + "certificate in " + SecretName.TLS_CERTIFICATE_CHAIN.key() + " (" + chain.get(0).getSubject()
          + "); fix: give the key that goes with it, and the server's certificate first in the chain");
    }
    for (int i = 0; i < chain.size(); i++) {
      X509CertificateHolder c = chain.get(i);
      if (!c.getNotAfter().toInstant().isAfter(now)) {
        throw new StackwrightException(CHAIN + " certificate " + (i + 1) + " (" + c.getSubject() + ") expired on "
            + c.getNotAfter().toInstant() + "; fix: renew it with its issuer and give the new chain");
      }
      if (c.getNotBefore().toInstant().isAfter(now)) {
        throw new StackwrightException(CHAIN + " certificate " + (i + 1) + " (" + c.getSubject() + ") is valid "
            + "only from " + c.getNotBefore().toInstant() + "; fix: check this machine's clock, or wait until then");
      }
      if (i + 1 < chain.size() && !signedBy(c, chain.get(i + 1))) {
        throw new StackwrightException(CHAIN + " certificate " + (i + 1) + " (" + c.getSubject() + ") is not "
            + "signed by certificate " + (i + 2) + " (" + chain.get(i + 1).getSubject() + "); fix: order the chain "
            + "from the server's certificate up, each followed by its issuer's");
      }
    }
  }

  private static boolean signedBy(X509CertificateHolder c, X509CertificateHolder issuer) {
    if (!c.getIssuer().equals(issuer.getSubject())) {
      return false;
    }
    try {
      return c.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer));
    } catch (CertException | OperatorCreationException | java.security.cert.CertificateException
        | RuntimeException e) {
      return false;
    }
  }

  /** Whether {@code key} is the private half of the leaf's public key (ECDSA or RSA). */
  private static boolean keyMatches(X509CertificateHolder leaf, AsymmetricKeyParameter key) {
    AsymmetricKeyParameter pub;
    try {
      pub = PublicKeyFactory.createKey(leaf.getSubjectPublicKeyInfo());
    } catch (IOException | RuntimeException e) {
      return false;
    }
    if (key instanceof ECPrivateKeyParameters ec && pub instanceof ECPublicKeyParameters q) {
      return ec.getParameters().getG().multiply(ec.getD()).normalize().equals(q.getQ().normalize());
    }
    if (key instanceof RSAPrivateCrtKeyParameters rsa && pub instanceof RSAKeyParameters n) {
      return rsa.getModulus().equals(n.getModulus()) && rsa.getPublicExponent().equals(n.getExponent());
    }
    return false;
  }
}
