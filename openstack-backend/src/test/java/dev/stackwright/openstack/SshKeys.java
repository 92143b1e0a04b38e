package dev.stackwright.openstack;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** Makes OpenSSH public keys for tests. */
public final class SshKeys {
  private SshKeys() {}

  /** A fresh {@code ssh-rsa AAAA... comment} line. */
  public static String newPublicKey(String comment) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      RSAPublicKey key = (RSAPublicKey) g.generateKeyPair().getPublic();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      write(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
      write(out, key.getPublicExponent().toByteArray());
      write(out, key.getModulus().toByteArray());
      return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " " + comment;
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

}
