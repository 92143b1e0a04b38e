package dev.stackwright.render.internal;

import dev.stackwright.render.Secret;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Secrets for tests: each one derived from its key alone (SHA-256 in hex, chained to the length the secret is
 * generated with), so every run and every machine renders the same files, and nothing is written anywhere. Not
 * secret at all: never for a cluster that runs.
 */
public final class TestSecrets implements SecretSource {
  public static final TestSecrets INSTANCE = new TestSecrets();

  private TestSecrets() {}

  @Override
  public Optional<Secret> find(SecretName name) {
    if (!name.generated()) {
      return Optional.empty();
    }
    StringBuilder value = new StringBuilder();
    String link = "stackwright-test-secret:" + name.key();
    while (value.length() < name.generatedLength()) {
      link = sha256(link);
      value.append(link);
    }
    return Optional.of(Secret.of(value.substring(0, name.generatedLength())));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "SecretSource.forTests()";
  }
}
