package dev.stackwright.cli;

import dev.stackwright.engine.Engine;
import dev.stackwright.spi.BackendProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The servers' SSH key: the file {@code --public-key} names, or the user's own from {@code ~/.ssh}. */
final class PublicKeys {
  private final Map<String, String> environment;
  private final PrintStream err;

  PublicKeys(Map<String, String> environment, PrintStream err) {
    this.environment = environment;
    this.err = err;
  }

  /** The one-line OpenSSH public key in {@code file}, or an error saying what is wrong with it and what to pass. */
  static String from(Path file) {
    return in(file, "--public-key " + file);
  }

  /**
   * {@code environment} with {@link BackendProvider#SSH_KEY_VARIABLE} naming the private half of {@code publicKey}
   * (its name without {@code .pub}), when that file exists and the user named no key himself: a backend that pushes
   * over SSH needs the half the servers' keypair does not carry.
   */
  static Map<String, String> withPrivateHalf(Map<String, String> environment, Optional<Path> publicKey) {
    if (environment.containsKey(BackendProvider.SSH_KEY_VARIABLE)) {
      return environment;
    }
    Optional<Path> half = publicKey.map(Path::toAbsolutePath).filter(p -> p.getFileName().toString().endsWith(".pub"))
        .map(p -> p.resolveSibling(p.getFileName().toString().replaceFirst("\\.pub$", "")))
        .filter(Files::isRegularFile);
    if (half.isEmpty()) {
      return environment;
    }
    Map<String, String> more = new HashMap<>(environment);
    more.put(BackendProvider.SSH_KEY_VARIABLE, half.get().toString());
    return Map.copyOf(more);
  }

  /** The key of {@code ~/.ssh/id_ed25519.pub} or {@code id_rsa.pub}, the first that exists, checked. */
  Optional<String> byDefault() {
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
    for (String name : List.of("id_ed25519.pub", "id_rsa.pub")) {
      Path p = Path.of(home, ".ssh", name);
      if (Files.isRegularFile(p) && !Files.isReadable(p)) {
        err.println("could not read " + p + "; the servers get no SSH key (--public-key FILE names one)");
      } else if (Files.isRegularFile(p)) {
        return Optional.of(in(p, p + " (read as the servers' key by default; --public-key FILE names another)"));
      }
    }
    return Optional.empty();
  }

  /**
   * The key in {@code file}, checked as the engine checks it, so that a key the cloud cannot take is refused here
   * naming the file ({@code what}) rather than later by the engine.
   */
  private static String in(Path file, String what) {
    String text;
    try {
      text = Files.readString(file).strip();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(what + ": cannot read it (" + e.getMessage()
          + "); pass the .pub file of an SSH key, e.g. --public-key ~/.ssh/id_ed25519.pub");
    }
    if (text.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException(what + " is a PRIVATE key; pass its .pub file instead"
          + " (ssh-keygen -y -f " + file + " prints it)");
    }
    try {
      Engine.builder().publicKey(text);
    } catch (IllegalArgumentException e) {
      String type = text.split("\\s+", 2)[0];
      throw new IllegalArgumentException(what + " does not hold one OpenSSH public key line of a type the cloud"
          + " takes" + (type.matches("[a-z0-9@.-]{3,60}") && text.contains(" ") ? " (it holds a " + type + " key)"
          : "") + "; pass the .pub file of an ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256 key"
          + " (ssh-keygen -t ed25519 makes one)");
    }
    return text;
  }
}
