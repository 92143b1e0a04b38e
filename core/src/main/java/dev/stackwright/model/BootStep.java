package dev.stackwright.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A command a node runs once at first boot, after its files are written: enabling the service's units, importing
 * definitions. A required step that fails stops the later ones (the node reports it); an optional one, with the
 * reason said when it fails, lets them go on. The command may hold {@code {suffix}} like a file's path.
 */
public record BootStep(String name, String command, Optional<String> optionalBecause) {
  public BootStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(optionalBecause, "optionalBecause");
  }

  public static BootStep of(String name, String command) {
    return new BootStep(name, command, Optional.empty());
  }
}
