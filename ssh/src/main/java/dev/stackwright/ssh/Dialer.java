package dev.stackwright.ssh;

import dev.stackwright.ssh.internal.CommandForwarder;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * How a node's address is reached: where to connect for {@code address:port}. Plain TCP on a cloud; on the nodes rig,
 * whose 10.x addresses live only in its namespaces, a forwarder from 127.0.0.1 in this namespace into the rig's.
 */
@FunctionalInterface
public interface Dialer {

  /** A way to {@code address:port}, open until the connection made through it is done. */
  Route open(String address, int port) throws IOException;

  /** Where to connect, and what to close once that connection ends (a forwarder; nothing for plain TCP). */
  record Route(InetSocketAddress endpoint, Closeable closer) implements Closeable {
    public Route {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(closer, "closer");
    }

    @Override
    public void close() throws IOException {
      closer.close();
    }
  }

  /** Straight to the address, as on a cloud whose addresses this machine routes to. */
  static Dialer direct() {
    return (address, port) -> new Route(new InetSocketAddress(address, port), () -> { });
  }

  /**
   * Through a command per connection, which carries the bytes on its standard input and output, such as
   * {@code ip netns exec NS socat STDIO TCP:ADDRESS:PORT}: a listener on 127.0.0.1 (an ephemeral port) starts it for
   * each connection made to it. {@code command} gives the command for an address and port.
   */
  static Dialer throughCommand(BiFunction<String, Integer, List<String>> command) {
    return (address, port) -> {
      CommandForwarder f = CommandForwarder.start(command.apply(address, port));
      return new Route(f.endpoint(), f);
    };
  }
}
