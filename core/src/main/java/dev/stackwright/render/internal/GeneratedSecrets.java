package dev.stackwright.render.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.render.Secret;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.internal.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets generated once and kept in a properties file of mode 0600, so that every run renders the same values. The
 * file is rewritten atomically; a file found with wider permissions is narrowed to 0600.
 */
public final class GeneratedSecrets implements SecretSource {
  private static final Logger LOG = LoggerFactory.getLogger(GeneratedSecrets.class);
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  private final Path file;
  private final SecureRandom random = new SecureRandom();

  public GeneratedSecrets(Path file) {
    this.file = file.toAbsolutePath();
  }

  @Override
  public synchronized Optional<Secret> find(SecretName name) {
    Properties stored = PropertiesSecrets.load(file);
    narrowPermissions();
    String value = stored.getProperty(name.key());
    if (value != null && !value.isEmpty()) {
      return Optional.of(Secret.of(value));
    }
    if (!name.generated()) {
      return Optional.empty();
    }
    value = generate(name.generatedLength());
    stored.setProperty(name.key(), value);
    store(stored);
    LOG.info("generated secret {} and kept it in {}", name.key(), file);
    return Optional.of(Secret.of(value));
  }

  private String generate(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private static boolean posix() {
    return AtomicFiles.posix();
  }

  private void narrowPermissions() {
    try {
      if (posix() && Files.exists(file) && !Files.getPosixFilePermissions(file).equals(FILE_MODE)) {
        Files.setPosixFilePermissions(file, FILE_MODE);
        LOG.warn("the secrets file {} was readable by others; its mode is now 0600", file);
      }
    } catch (IOException e) {
      throw new StackwrightException("cannot set mode 0600 on the secrets file " + file + ": " + e.getMessage());
    }
  }

  private void store(Properties values) {
    Path dir = file.getParent();
    try {
      if (!Files.isDirectory(dir)) {
        if (posix()) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } else {
          Files.createDirectories(dir);
        }
      }
      StringWriter text = new StringWriter();
      values.store(text, "stackwright secrets, generated once; keep this file private (mode 0600)");
      AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), FILE_MODE);
    } catch (IOException e) {
      throw new StackwrightException("cannot keep generated secrets in " + file + ": " + e.getMessage()
          + "; fix: make its directory writable, or give the secrets in the environment");
    }
  }

  @Override
  public String toString() {
    return "SecretSource.generatedIn(" + file + ")";
  }
}
