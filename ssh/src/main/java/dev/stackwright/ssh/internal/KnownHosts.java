package dev.stackwright.ssh.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's own known-hosts file, in OpenSSH's format ({@code address type base64}, one key a line; port 22, so
 * the address stands alone), so {@code ssh -o UserKnownHostsFile=} can read it too. Lines this class does not write
 * (comments, hashed hosts, other ports) are kept as they are. Rewritten whole (a temporary file, then a rename), so a
 * crash leaves the old file or the new. Thread-safe within one process.
 */
public final class KnownHosts {
  private final Path file;

  public KnownHosts(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  public Path file() {
    return file;
  }

  /** The keys the file holds for {@code address}; empty when it holds none. */
  public synchronized List<HostKey> keysOf(String address) {
    List<HostKey> out = new ArrayList<>();
    for (String line : lines()) {
      if (hostOf(line).equals(address)) {
        HostKey.find(line).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Pins {@code keys} for {@code address} in place of whatever the file held for it. */
  public synchronized void replace(String address, List<HostKey> keys) {
    List<String> out = new ArrayList<>();
    for (String line : lines()) {
      if (!hostOf(line).equals(address)) {
        out.add(line);
      }
    }
    keys.forEach(k -> out.add(address + " " + k.line()));
    write(out);
  }

  /** Forgets {@code address}: the next connection trusts only what its console shows then. */
  public void forget(String address) {
    replace(address, List.of());
  }

  /** The host field of a known-hosts line; empty for a comment or a blank line. */
  static String hostOf(String line) {
    String s = line.strip();
    if (s.isEmpty() || s.startsWith("#")) {
      return "";
    }
    int space = s.indexOf(' ');
    return space < 0 ? s : s.substring(0, space);
  }

  private List<String> lines() {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cluster's known-hosts file " + file, e);
    }
  }

  private void write(List<String> lines) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".new");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cluster's known-hosts file " + file, e);
    }
  }
}
