package dev.stackwright.ssh.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.ssh.Dialer;
import dev.stackwright.ssh.Target;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logged-in sessions to nodes: directly through the {@link Dialer}, or through a jump host, whose one session (kept
 * open and shared by every target behind it) carries a local forward per target. Every wait is bounded. A failure to
 * connect or log in is {@code UNREACHABLE}; a host key not trusted is {@code HOST_KEY}, with the check's reason.
 */
public final class Connector implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
  private final SshClient client;
  private final HostKeyCheck check;
  private final Dialer dialer;
  private final String user;
  private final String keyShown;
  private final int port;
  private final Duration connectTimeout;
  private final Duration authTimeout;
  private final Map<String, ClientSession> jumps = new ConcurrentHashMap<>();

  public Connector(SshClient client, HostKeyCheck check, Dialer dialer, String user, String keyShown,
      int port, Duration connectTimeout, Duration authTimeout) {
    this.client = client;
    this.check = check;
    this.dialer = dialer;
    this.user = user;
    this.keyShown = keyShown;
    this.port = port;
    this.connectTimeout = connectTimeout;
    this.authTimeout = authTimeout;
  }

  public String user() {
    return user;
  }

  /** A session to {@code target} as the user, through {@code via} when given; the caller closes it. */
  public ClientSession open(Target target, Optional<Target> via) {
    if (via.isEmpty()) {
      return direct(target, "");
    }
    long t0 = System.nanoTime();
    ClientSession jump = jump(via.get(), target);
    ExplicitPortForwardingTracker tracker;
    try {
      tracker = jump.createLocalPortForwardingTracker(new SshdSocketAddress("127.0.0.1", 0),
          new SshdSocketAddress(target.address(), port));
    } catch (IOException | RuntimeException e) {
      throw unreachable(target, " through jump host " + via.get().shown(), "cannot forward to it: " + e.getMessage());
    }
    InetSocketAddress endpoint = tracker.getBoundAddress().toInetSocketAddress();
    LOG.debug("ssh timing {}: connect: jump forward {} ms", target.node(), (System.nanoTime() - t0) / 1_000_000);
    return login(target, endpoint, tracker, " through jump host " + via.get().shown());
  }

  /** The jump host's session: the open one, or a new one. */
  private ClientSession jump(Target via, Target behind) {
    ClientSession s = jumps.get(via.address());
    if (s != null && s.isOpen() && s.isAuthenticated()) {
      return s;
    }
    synchronized (jumps) {
      s = jumps.get(via.address());
      if (s != null && s.isOpen() && s.isAuthenticated()) {
        return s;
      }
      try {
        long t0 = System.nanoTime();
        s = direct(via, "");
        LOG.debug("ssh timing {}: jump session to {} opened in {} ms", behind.node(), via.shown(),
            (System.nanoTime() - t0) / 1_000_000);
      } catch (BackendException e) {
        throw new BackendException(e.reason(), behind.server(), "cannot reach " + behind.shown() + ": its jump host"
            + " failed: " + e.getMessage(), null, null, e);
      }
      jumps.put(via.address(), s);
      return s;
    }
  }

  private ClientSession direct(Target target, String how) {
    Dialer.Route route;
    try {
      route = dialer.open(target.address(), port);
    } catch (IOException | RuntimeException e) {
      throw unreachable(target, how, "cannot open a way to it: " + e.getMessage());
    }
    return login(target, route.endpoint(), route, how);
  }

  /** Connects to {@code endpoint} (which leads to {@code target}) and logs in; {@code closer} goes with the session. */
  private ClientSession login(Target target, InetSocketAddress endpoint, Closeable closer, String how) {
    check.expect(endpoint, target);
    ClientSession s = null;
    try {
      long t0 = System.nanoTime();
      s = client.connect(user, endpoint).verify(connectTimeout).getSession();
      s.addCloseFutureListener(f -> closeQuietly(closer));
      long t1 = System.nanoTime();
      s.auth().verify(authTimeout);
      LOG.debug("ssh timing {}: connect: tcp {} ms", target.node(), (t1 - t0) / 1_000_000);
      LOG.debug("ssh timing {}: connect: key exchange and login {} ms", target.node(),
          (System.nanoTime() - t1) / 1_000_000);
      return s;
    } catch (IOException | RuntimeException e) {
      closeQuietly(s);
      closeQuietly(closer);
      Optional<String> refused = check.refusal(endpoint);
      if (refused.isPresent()) {
        throw new BackendException(Reason.HOST_KEY, target.server(), refused.get() + how);
      }
      boolean connected = s != null;
      // through a jump host, a target whose sshd refuses shows as a session closed at login, like a key refused
      throw unreachable(target, how, connected ? "the login of " + user + " with key " + keyShown + " failed: "
          + e.getMessage() + "; either its sshd does not answer (through a jump host that ends the login the same"
          + " way) or the node's user does not hold that key (the keypair it booted with)"
          : "no SSH connection within " + connectTimeout.toSeconds() + " s: " + e.getMessage());
    } finally {
      check.done(endpoint);
    }
  }

  private static BackendException unreachable(Target target, String how, String why) {
    return new BackendException(Reason.UNREACHABLE, target.server(), "cannot reach " + target.shown() + " over SSH"
        + how + ": " + why + "; nothing was changed on it. Check that it runs and that its sshd answers, then apply"
        + " again");
  }

  @Override
  public void close() {
    jumps.values().forEach(Connector::closeQuietly);
    jumps.clear();
  }

  static void closeQuietly(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // closing what may be closed already
    }
  }
}
