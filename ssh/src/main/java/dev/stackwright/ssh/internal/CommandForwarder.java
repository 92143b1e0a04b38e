package dev.stackwright.ssh.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A listener on 127.0.0.1 that, for each connection made to it, starts a command and pumps the connection's bytes
 * through the command's standard input and output (such as {@code ip netns exec NS socat STDIO TCP:ADDR:22}). Closing
 * it closes the listener, every connection and every command. Its threads are daemons.
 */
public final class CommandForwarder implements Closeable {
  private final List<String> command;
  private final ServerSocket listener;
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();

  private CommandForwarder(List<String> command, ServerSocket listener) {
    this.command = List.copyOf(command);
    this.listener = listener;
  }

  /** Listens on an ephemeral port of 127.0.0.1; each connection runs {@code command}. */
  public static CommandForwarder start(List<String> command) throws IOException {
    ServerSocket s = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    CommandForwarder f = new CommandForwarder(command, s);
    daemon("ssh-forward-accept", f::acceptAll).start();
    return f;
  }

  public InetSocketAddress endpoint() {
    return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
  }

  private void acceptAll() {
    while (!listener.isClosed()) {
      try {
        carry(listener.accept());
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** One connection: the command started, two pumps, everything closed when either side ends. */
  private void carry(Socket socket) {
    Process p;
    try {
      // SSH's small packets (key exchange, a channel's open, an exit status) must not wait for a delayed ACK
      socket.setTcpNoDelay(true);
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      closeQuietly(socket);
      return;
    }
    Closeable both = () -> {
      closeQuietly(socket);
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    };
    open.add(both);
    try {
      InputStream fromSocket = socket.getInputStream();
      OutputStream toSocket = socket.getOutputStream();
      daemon("ssh-forward-out", () -> pump(fromSocket, p.getOutputStream(), both)).start();
      daemon("ssh-forward-in", () -> pump(p.getInputStream(), toSocket, both)).start();
    } catch (IOException e) {
      closeQuietly(both);
    }
  }

  private void pump(InputStream in, OutputStream out, Closeable both) {
    byte[] buf = new byte[32 * 1024];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side ended: the other goes too
    } finally {
      open.remove(both);
      closeQuietly(both);
    }
  }

  @Override
  public void close() {
    closeQuietly(listener);
    open.forEach(CommandForwarder::closeQuietly);
    open.clear();
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing what may be closed already
    }
  }
}
