package dev.stackwright.ssh.internal;

import dev.stackwright.ssh.Target;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Trusts a node's host key only when the cluster's known-hosts file holds it for the node's address, or, when the
 * file holds nothing for it yet, when the node printed it on its console at first boot (then every key of the console
 * is pinned in the file). Never accepts anything else. A connection through a forward reaches us as
 * {@code 127.0.0.1:port}: each endpoint is told which node it leads to before the connection is made
 * ({@link #expect}). MINA says only "Server key did not validate": why is kept per endpoint ({@link #refusal}).
 */
public final class HostKeyCheck implements ServerKeyVerifier {
  private final KnownHosts known;
  private final Map<String, Target> endpoints = new ConcurrentHashMap<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();

  public HostKeyCheck(KnownHosts known) {
    this.known = known;
  }

  public void expect(InetSocketAddress endpoint, Target target) {
    refusals.remove(key(endpoint));
    endpoints.put(key(endpoint), target);
  }

  public void done(InetSocketAddress endpoint) {
    endpoints.remove(key(endpoint));
    refusals.remove(key(endpoint));
  }

  /** Why the key presented at {@code endpoint} was refused, if it was. */
  public Optional<String> refusal(InetSocketAddress endpoint) {
    return Optional.ofNullable(refusals.get(key(endpoint)));
  }

  @Override
  public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
    String at = key(remote);
    Target target = endpoints.get(at);
    Optional<String> why = target == null
        ? Optional.of("no node was expected at " + at + "; refused")
        : HostKey.find(PublicKeyEntry.toString(key)).map(k -> check(target, k))
            .orElse(Optional.of(target.shown() + " presented a host key of a type stackwright does not know ("
                + key.getAlgorithm() + "); refused"));
    why.ifPresent(w -> refusals.put(at, w));
    return why.isEmpty();
  }

  /** Empty when {@code presented} is trusted for {@code target} (pinning the console's keys the first time). */
  Optional<String> check(Target target, HostKey presented) {
    List<HostKey> pinned = known.keysOf(target.address());
    if (!pinned.isEmpty()) {
      return pinned.contains(presented) ? Optional.empty() : Optional.of(target.shown() + " presented host key "
          + presented.shown() + ", but the cluster's known-hosts file " + known.file() + " holds " + shown(pinned)
          + " for " + target.address() + "; nothing was sent. Someone may be in the middle, or the node was booted"
          + " again outside stackwright: compare with its console (cloud-init's SSH HOST KEY KEYS), and only then"
          + " remove its lines (ssh-keygen -R " + target.address() + " -f " + known.file() + ")");
    }
    List<HostKey> printed = target.console().get().map(ConsoleKeys::parse).orElse(List.of());
    if (printed.isEmpty()) {
      return Optional.of(target.shown() + " printed no host keys on its console (cloud-init's " + ConsoleKeys.BEGIN
          + " block) and the cluster's known-hosts file " + known.file() + " holds none for it, so its key "
          + presented.shown() + " cannot be checked; nothing was sent. Wait until its first boot has finished"
          + " (cloud-init's keys-to-console), or add its key to that file from a source you trust");
    }
    if (!printed.contains(presented)) {
      return Optional.of(target.shown() + " presented host key " + presented.shown() + ", which is not among the"
          + " keys it printed on its console at first boot " + shown(printed) + "; nothing was sent. Someone may"
          + " be in the middle: a person must look before it is trusted");
    }
    known.replace(target.address(), printed);
    return Optional.empty();
  }

  private static String shown(List<HostKey> keys) {
    return keys.stream().map(HostKey::shown).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String key(SocketAddress a) {
    if (a instanceof SshdSocketAddress s) {
      return key(s.toInetSocketAddress());
    }
    if (a instanceof InetSocketAddress i) {
      String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
      return host + ":" + i.getPort();
    }
    return String.valueOf(a);
  }
}
