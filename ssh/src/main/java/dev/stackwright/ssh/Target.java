package dev.stackwright.ssh;

import dev.stackwright.spi.ResourceId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A node to reach: its server (named in every {@code BackendException}), its name and the address its sshd listens on
 * (port 22), and how to read its console, the one trusted source of its host keys ({@code Backend.consoleOutput}). The
 * console is read only when the known-hosts file holds no key for the address yet.
 */
public record Target(ResourceId server, String node, String address, Supplier<Optional<String>> console) {
  public Target {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(console, "console");
    if (address.isBlank() || address.contains(" ")) {
      throw new IllegalArgumentException("node " + node + " needs an address to reach it, not \"" + address + "\"");
    }
  }

  /** {@code web-1 (10.0.1.5)}, as messages name it. */
  public String shown() {
    return node + " (" + address + ")";
  }
}
