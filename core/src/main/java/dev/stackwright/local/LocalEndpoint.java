package dev.stackwright.local;

import java.util.Objects;

/**
 * A host and TCP port a process of a local run answers on, {@code 127.0.10.3:80}.
 *
 * @param host a loopback address, or "*" for a config that binds every address (which the run refuses)
 * @param port 1 to 65535
 */
public record LocalEndpoint(String host, int port) {
  public LocalEndpoint {
    Objects.requireNonNull(host, "host");
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
