package dev.stackwright.ssh.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SSH host key as OpenSSH writes it: its type and its base64 blob. Two keys are the same when both are; the
 * fingerprint is OpenSSH's ({@code SHA256:} and the unpadded base64 of the blob's digest), for messages.
 */
public record HostKey(String type, String base64) {
  private static final Pattern KEY = Pattern.compile(
      "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com"
          + "|sk-ecdsa-sha2-nistp256@openssh\\.com) (AAAA[A-Za-z0-9+/]+={0,2})");

  public HostKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(base64, "base64");
    Base64.getDecoder().decode(base64); // refuses what is not base64
  }

  /** The first {@code type base64} in {@code text} (a known-hosts line, a console line), if any. */
  public static Optional<HostKey> find(String text) {
    Matcher m = KEY.matcher(text);
    return m.find() ? Optional.of(new HostKey(m.group(1), m.group(2))) : Optional.empty();
  }

  /** OpenSSH's fingerprint, such as {@code SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU}. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64));
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The type and fingerprint, as messages show a key: {@code ssh-ed25519 SHA256:...}. */
  public String shown() {
    return type + " " + fingerprint();
  }

  /** As a known-hosts file holds it after the host: {@code type base64}. */
  public String line() {
    return type + " " + base64;
  }
}
