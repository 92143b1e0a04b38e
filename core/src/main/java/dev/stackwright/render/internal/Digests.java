package dev.stackwright.render.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes and encodings for rendered files. Salts are derived from the secret itself, so a render is repeatable: the
 * same secrets give the same files, and a planner sees no change where there is none.
 */
public final class Digests {
  private Digests() {}

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of bytes a caller has already encoded (and uses again, for {@link #gzipBase64(byte[])}). */
  public static String sha256Hex(byte[] utf8) {
    return HexFormat.of().formatHex(digest("SHA-256", utf8));
  }

  /** HMAC-SHA256 of {@code message} under {@code key}, in hex: a value derived from a secret that reveals nothing of it. */
  public static String hmacHex(String key, String message) {
    return HexFormat.of().formatHex(hmac(key, message));
  }

  /**
   * An nginx {@code auth_basic_user_file} line with a salted SHA-1 ({@code {SSHA}}), a scheme nginx reads on every
   * platform.
   */
  public static String htpasswdLine(String user, String password) {
    byte[] salt = Arrays.copyOf(hmac(password, "stackwright htpasswd salt for " + user), 8);
    byte[] hash = digest("SHA-1", concat(password.getBytes(StandardCharsets.UTF_8), salt));
    return user + ":{SSHA}" + Base64.getEncoder().encodeToString(concat(hash, salt));
  }

  /**
   * A RabbitMQ {@code password_hash} for {@code rabbit_password_hashing_sha256}: base64 of a 4-byte salt followed by
   * SHA-256(salt + password).
   */
  public static String rabbitPasswordHash(String user, String password) {
    byte[] salt = Arrays.copyOf(hmac(password, "stackwright rabbitmq salt for " + user), 4);
    byte[] hash = digest("SHA-256", concat(salt, password.getBytes(StandardCharsets.UTF_8)));
    return Base64.getEncoder().encodeToString(concat(salt, hash));
  }

  /** Gzip (with a fixed header, so the output is repeatable) then base64: cloud-init's {@code gz+b64} encoding. */
  public static String gzipBase64(String text) {
    return gzipBase64(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@link #gzipBase64(String)} of a text's UTF-8 bytes. The buffer starts at half the input (rendered configs
   * compress to less), and base64 reads it in place rather than from a copy.
   */
  public static String gzipBase64(byte[] utf8) {
    Buffer bytes = new Buffer(utf8.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(utf8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteBuffer encoded = Base64.getEncoder().encode(ByteBuffer.wrap(bytes.array(), 0, bytes.size()));
    return new String(encoded.array(), 0, encoded.limit(), StandardCharsets.ISO_8859_1);
  }

  /** A byte stream whose bytes can be read without the copy {@code toByteArray} makes. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    byte[] array() {
      return buf;
    }
  }

  private static byte[] digest(String algorithm, byte[] input) {
    try {
      return MessageDigest.getInstance(algorithm).digest(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }

  private static byte[] hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
