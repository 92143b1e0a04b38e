package dev.stackwright.render.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.render.Secret;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** Secrets from a properties file, read at each look-up so that edits take effect. */
public final class PropertiesSecrets implements SecretSource {
  private final Path file;

  public PropertiesSecrets(Path file) {
    this.file = file;
  }

  @Override
  public Optional<Secret> find(SecretName name) {
    return Optional.ofNullable(load(file).getProperty(name.key())).filter(v -> !v.isEmpty()).map(Secret::of);
  }

  static Properties load(Path file) {
    Properties p = new Properties();
    if (!Files.exists(file)) {
      return p;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      // The exception's own message may quote the file's content; it is not passed on.
      throw new StackwrightException("cannot read the secrets file " + file + " (" + e.getClass().getSimpleName()
          + "); fix: make it a readable properties file with keys such as rabbitmq_password");
    }
    return p;
  }

  @Override
  public String toString() {
    return "SecretSource.propertiesFile(" + file + ")";
  }
}
