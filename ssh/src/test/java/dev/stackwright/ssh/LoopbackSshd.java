package dev.stackwright.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * An sshd of MINA's own on 127.0.0.1 for the channel's tests: it runs each exec request with {@code bash -c} as this
 * process's user (so the tests log in as {@code root} when run as root, or skip what needs it), takes one client key,
 * presents one ECDSA host key, and forwards TCP (so it can be its own jump host).
 */
final class LoopbackSshd implements AutoCloseable {
  final SshServer server;
  final KeyPair hostKey;
  final Path clientKey;

  private LoopbackSshd(SshServer server, KeyPair hostKey, Path clientKey) {
    this.server = server;
    this.hostKey = hostKey;
    this.clientKey = clientKey;
  }

  /** A server taking the key {@code ssh-keygen} makes in {@code dir} (its private half is {@link #clientKey}). */
  static LoopbackSshd start(Path dir) throws Exception {
    Path key = dir.resolve("id_ed25519");
    Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.toString())
        .inheritIO().start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("ssh-keygen could not make a test key in " + dir);
    }
    PublicKey accepted = PublicKeyEntry.parsePublicKeyEntry(Files.readString(key.resolveSibling("id_ed25519.pub"))
        .strip()).resolvePublicKey(null, java.util.Map.of(), null);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair host = g.generateKeyPair();
    SshServer s = SshServer.setUpDefaultServer();
    s.setHost("127.0.0.1");
    s.setPort(0);
    s.setKeyPairProvider(KeyPairProvider.wrap(host));
    s.setPublickeyAuthenticator((user, k, session) -> KeyUtils.compareKeys(k, accepted));
    s.setCommandFactory((channel, command) -> new ProcessShellFactory(command, "bash", "-c", command)
        .createShell(channel));
    s.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
    s.start();
    return new LoopbackSshd(s, host, key);
  }

  int port() {
    return server.getPort();
  }

  /** A console as cloud-init prints it, with {@code keys} in its block. */
  static String console(List<PublicKey> keys) {
    StringBuilder b = new StringBuilder("[  OK  ] Started ssh.service\r\n-----BEGIN SSH HOST KEY KEYS-----\r\n");
    keys.forEach(k -> b.append(PublicKeyEntry.toString(k)).append(" root@test\r\n"));
    return b.append("-----END SSH HOST KEY KEYS-----\r\n").toString();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
