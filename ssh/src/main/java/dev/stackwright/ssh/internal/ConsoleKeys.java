package dev.stackwright.ssh.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The host keys a node printed on its console at first boot: cloud-init's {@code -----BEGIN SSH HOST KEY KEYS-----}
 * block (full keys, one a line). It prints fingerprint lines too (with a syslog prefix, DSA among them): those are
 * not keys and are ignored. When the console holds several blocks (a node booted again), the last one is the node's
 * keys now.
 */
public final class ConsoleKeys {
  static final String BEGIN = "-----BEGIN SSH HOST KEY KEYS-----";
  static final String END = "-----END SSH HOST KEY KEYS-----";

  private ConsoleKeys() {}

  /** The keys of the console's last complete block; empty when it has none. */
  public static List<HostKey> parse(String console) {
    List<HostKey> last = List.of();
    List<HostKey> block = null;
    for (String line : console.split("\r?\n|\r")) {
      if (line.contains(BEGIN)) {
        block = new ArrayList<>();
      } else if (line.contains(END)) {
        if (block != null) {
          last = List.copyOf(block);
        }
        block = null;
      } else if (block != null) {
        HostKey.find(line).ifPresent(block::add);
      }
    }
    return last;
  }
}
