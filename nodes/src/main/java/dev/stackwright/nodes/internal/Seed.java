package dev.stackwright.nodes.internal;

import java.util.Optional;

/** A server's NoCloud meta-data: its instance id, its host name, and its keypair's key as a cloud hands it over. */
final class Seed {
  private Seed() {}

  static String metaData(String instanceId, String hostName, Optional<String> publicKey) {
    StringBuilder b = new StringBuilder().append("instance-id: ").append(instanceId).append('\n')
        .append("local-hostname: ").append(hostName).append('\n');
    publicKey.ifPresent(k -> b.append("public-keys:\n  - \"").append(k.replace("\\", "\\\\").replace("\"", "\\\""))
        .append("\"\n"));
    return b.toString();
  }
}
