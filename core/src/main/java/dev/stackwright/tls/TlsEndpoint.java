package dev.stackwright.tls;

import java.util.List;
import java.util.Objects;

/**
 * One role instance that serves TLS (a load balancer or a controller, on a cluster with {@code tls()}), and the names
 * its certificate must carry: addresses first, then DNS names.
 *
 * @param node the node's name, such as {@code webserver-1}
 * @param instance the role instance's name, such as {@code webserver-1}; its files are named after it
 * @param names the addresses and DNS names, no duplicates, each in the certificate's subject alternative names
 * @param pending whether a name is still to come (the node's floating IP, when the cloud has yet to make it or the
 *     render was not told it): a certificate for it now is a stand-in for this render only, never kept
 */
public record TlsEndpoint(String node, String instance, List<String> names, boolean pending) {
  public TlsEndpoint {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(instance, "instance");
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("TLS endpoint " + instance + " has no names; give it at least its address");
    }
  }
}
