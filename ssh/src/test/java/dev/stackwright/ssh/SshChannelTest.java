package dev.stackwright.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.NodeCommand;
import dev.stackwright.spi.NodeFile;
import dev.stackwright.spi.NodeUpdate;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import dev.stackwright.spi.ServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel against MINA's own sshd on 127.0.0.1, which runs the commands as this process's user: logged in as
 * {@code root}, the channel sends no sudo, and the files are this user's.
 */
class SshChannelTest {
  private static final ResourceId SERVER = ResourceId.of(ResourceKind.SERVER, "web-1");
  private static final Duration SHORT = Duration.ofSeconds(20);

  @TempDir
  Path dir;
  private LoopbackSshd sshd;
  private SshChannel ssh;
  private String owner;

  @BeforeEach
  void start() throws Exception {
    sshd = LoopbackSshd.start(dir);
    ssh = channel(sshd.clientKey);
    owner = run("id", "-un") + ":" + run("id", "-gn");
  }

  @AfterEach
  void stop() throws IOException {
    ssh.close();
    sshd.close();
  }

  private SshChannel channel(Path key) {
    return SshChannel.builder().user("root").privateKey(key).knownHosts(dir.resolve("known_hosts"))
        .port(sshd.port()).dialer(Dialer.direct()).build();
  }

  private Target node(String address) {
    return new Target(SERVER, "web-1", address, () -> Optional.of(LoopbackSshd.console(List.of(
        sshd.hostKey.getPublic()))));
  }

  private static NodeUpdate update(List<NodeFile> files, List<NodeCommand> commands, List<NodeCommand> checks,
      List<NodeCommand> revert) {
    ServerSpec given = new ServerSpec(SERVER, "web-1", "m1", "debian-12", ResourceId.of(ResourceKind.PORT, "web-1"),
        Optional.empty(), Optional.empty(), "", "sha", Map.of(), Map.of());
    return new NodeUpdate(SERVER, "web-1", Optional.empty(), files, commands, false, checks, revert, given);
  }

  private static NodeCommand command(String name, String command) {
    return new NodeCommand(name, command, SHORT);
  }

  private NodeFile file(String name, String content) {
    return new NodeFile(dir.resolve("etc").resolve(name).toString(), owner, 0640, false, content);
  }

  @Test
  void aFileArrivesWithItsModeThenTheCommandsAndChecksRunAndNoTemporaryFileIsLeft() throws Exception {
    // given
    Path marker = dir.resolve("reloaded");
    NodeUpdate u = update(List.of(file("site.conf", "listen 80;\n")), List.of(command("reload", "echo ok > "
        + marker)), List.of(command("healthy", "test -f " + marker)), List.of());

    // when
    ssh.apply(node("127.0.0.1"), Optional.empty(), u);

    // then
    Path site = dir.resolve("etc/site.conf");
    assertThat(site).hasContent("listen 80;");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site))).isEqualTo("rw-r-----");
    assertThat(marker).exists();
    try (Stream<Path> files = Files.list(dir.resolve("etc"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("site.conf");
    }
  }

  @Test
  void aFailingCommandPutsTheOldFileBackRemovesTheAddedOneAndRunsRevert() throws Exception {
    // given
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/site.conf"), "old\n");
    Path reverted = dir.resolve("reverted");
    NodeUpdate u = update(List.of(file("site.conf", "new secret-ish\n"), file("added.conf", "added\n")),
        List.of(command("reload nginx", "echo 'nginx: [emerg] unknown directive' >&2; exit 1")), List.of(),
        List.of(command("reload nginx", "echo back > " + reverted)));

    // then
    assertThatThrownBy(() -> ssh.apply(node("127.0.0.1"), Optional.empty(), u))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NODE_FAILED))
        .hasMessageContaining("web-1 (127.0.0.1)").hasMessageContaining("\"reload nginx\" exited 1")
        .hasMessageContaining("unknown directive").hasMessageContaining("old files were put back")
        .hasMessageNotContaining("secret-ish");
    assertThat(dir.resolve("etc/site.conf")).hasContent("old");
    assertThat(dir.resolve("etc/added.conf")).doesNotExist();
    assertThat(reverted).exists();
    try (Stream<Path> files = Files.list(dir.resolve("etc"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("site.conf");
    }
  }

  @Test
  void aCheckThatNeverPassesFailsByItsNameOnceItsTimeIsUpAndTheOldFileIsBack() throws Exception {
    // given
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/site.conf"), "old\n");
    NodeUpdate u = update(List.of(file("site.conf", "new\n")), List.of(), List.of(new NodeCommand("http answers",
        "echo refused; exit 7", Duration.ofSeconds(3))), List.of());

    // then
    assertThatThrownBy(() -> ssh.apply(node("127.0.0.1"), Optional.empty(), u))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NODE_FAILED))
        .hasMessageContaining("check http answers (for 3 s)\" exited 7").hasMessageContaining("refused");
    assertThat(dir.resolve("etc/site.conf")).hasContent("old");
  }

  @Test
  void aHostKeyTheConsoleDidNotPrintIsRefusedAndNothingIsWritten() throws Exception {
    // given a console that shows another key
    Path other = Files.createDirectories(dir.resolve("other"));
    java.security.PublicKey another;
    try (LoopbackSshd s = LoopbackSshd.start(other)) {
      another = s.hostKey.getPublic();
    }
    Target liar = new Target(SERVER, "web-1", "127.0.0.1", () -> Optional.of(LoopbackSshd.console(List.of(another))));
    NodeUpdate u = update(List.of(file("site.conf", "new\n")), List.of(), List.of(), List.of());

    // then
    assertThatThrownBy(() -> ssh.apply(liar, Optional.empty(), u))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY))
        .hasMessageContaining("not among the keys it printed on its console");
    assertThat(dir.resolve("etc")).doesNotExist();
  }

  @Test
  void anAddressWhereNoSshdListensIsUnreachable() throws Exception {
    // given a port nothing listens on any more
    int closed;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    SshChannel nowhere = SshChannel.builder().user("root").privateKey(sshd.clientKey)
        .knownHosts(dir.resolve("known_hosts")).port(closed).build();

    // then
    try (nowhere) {
      assertThatThrownBy(() -> nowhere.apply(node("127.0.0.1"), Optional.empty(), update(List.of(), List.of(),
          List.of(), List.of())))
          .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
          .hasMessageContaining("nothing was changed");
    }
  }

  @Test
  void aKeyTheNodeDoesNotTakeIsUnreachableNamingTheUser() throws Exception {
    // given
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    LoopbackSshd.start(other).close();
    SshChannel stranger = channel(other.resolve("id_ed25519"));

    // then
    try (stranger) {
      assertThatThrownBy(() -> stranger.apply(node("127.0.0.1"), Optional.empty(), update(List.of(), List.of(),
          List.of(), List.of())))
          .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
          .hasMessageContaining("the login of root with key SHA256:");
    }
  }

  @Test
  void throughAJumpHostTheTargetsKeyIsCheckedForTheTargetsOwnAddress() throws Exception {
    // given the server is its own jump host: 127.0.0.1 forwards to "localhost"
    Target jump = new Target(ResourceId.of(ResourceKind.SERVER, "controller-1"), "controller-1", "127.0.0.1",
        () -> Optional.of(LoopbackSshd.console(List.of(sshd.hostKey.getPublic()))));
    Path marker = dir.resolve("ran");

    // when
    ssh.apply(node("localhost"), Optional.of(jump), update(List.of(), List.of(command("touch", "touch " + marker)),
        List.of(), List.of()));

    // then
    assertThat(marker).exists();
    assertThat(Files.readAllLines(dir.resolve("known_hosts"))).anyMatch(l -> l.startsWith("127.0.0.1 "))
        .anyMatch(l -> l.startsWith("localhost "));
  }

  @Test
  void aDialerThroughACommandCarriesTheConnection() throws Exception {
    // given socat as the command, as the nodes backend runs it in the rig's namespace
    boolean socat = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "socat")));
    if (!socat && "true".equalsIgnoreCase(System.getenv("CI"))) {
      org.junit.jupiter.api.Assertions.fail("socat must be installed under CI (.ci/install-daemons.sh)");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(socat, "skipped: socat is not installed");
    Path marker = dir.resolve("carried");
    SshChannel forwarded = SshChannel.builder().user("root").privateKey(sshd.clientKey)
        .knownHosts(dir.resolve("known_hosts")).port(sshd.port())
        .dialer(Dialer.throughCommand((a, p) -> List.of("socat", "STDIO", "TCP:" + a + ":" + p))).build();

    // when
    try (forwarded) {
      forwarded.apply(node("127.0.0.1"), Optional.empty(), update(List.of(), List.of(command("touch", "touch "
          + marker)), List.of(), List.of()));
    }

    // then
    assertThat(marker).exists();
  }

  @Test
  void severalFilesInOneStreamArriveEachWithItsOwnBytes() throws Exception {
    // given contents whose bytes and characters differ in count, one empty, one larger than a pipe's buffer
    String big = "x".repeat(100_000) + "\n";
    NodeUpdate u = update(List.of(file("a.conf", "é ü ✓\n"), file("empty.conf", ""), file("big.conf", big)),
        List.of(), List.of(), List.of());

    // when
    ssh.apply(node("127.0.0.1"), Optional.empty(), u);

    // then
    assertThat(dir.resolve("etc/a.conf")).hasContent("é ü ✓");
    assertThat(dir.resolve("etc/empty.conf")).isEmptyFile();
    assertThat(Files.readString(dir.resolve("etc/big.conf"))).isEqualTo(big);
  }

  @Test
  void aCheckThatPassesOnItsThirdTryPassesWithinOneUpdate() throws Exception {
    // given a check that fails until it ran three times
    Path tries = dir.resolve("tries");
    NodeUpdate u = update(List.of(file("site.conf", "new\n")), List.of(), List.of(command("third time", "echo x >> "
        + tries + "; [ $(wc -l < " + tries + ") -ge 3 ]")), List.of());

    // when
    ssh.apply(node("127.0.0.1"), Optional.empty(), u);

    // then
    assertThat(Files.readAllLines(tries)).hasSize(3);
    assertThat(dir.resolve("etc/site.conf")).hasContent("new");
  }

  @Test
  void aFileThatCannotBeWrittenChangesNothingAndNamesItsPath() throws Exception {
    // given the second file's target is a directory
    Files.createDirectories(dir.resolve("etc/conf.d"));
    Files.writeString(dir.resolve("etc/site.conf"), "old\n");
    Path ran = dir.resolve("ran");
    NodeUpdate u = update(List.of(file("site.conf", "new\n"), file("conf.d", "x\n")), List.of(command("reload",
        "touch " + ran)), List.of(), List.of());

    // then
    assertThatThrownBy(() -> ssh.apply(node("127.0.0.1"), Optional.empty(), u))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NODE_FAILED))
        .hasMessageContaining("\"write " + dir.resolve("etc/conf.d") + "\" exited 1")
        .hasMessageContaining("is a directory").hasMessageContaining("nothing was changed");
    assertThat(dir.resolve("etc/site.conf")).hasContent("old");
    assertThat(ran).doesNotExist();
    try (Stream<Path> files = Files.list(dir.resolve("etc"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("site.conf", "conf.d");
    }
  }

  @Test
  void anOldCopyLeftByACutOffPushIsNotPutBackByTheNextOnesFailure() throws Exception {
    // given a push cut off after its swap left the copy before "old" beside it
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/site.conf"), "old\n");
    Files.writeString(dir.resolve("etc/.site.conf.stackwright-old"), "older\n");
    NodeUpdate u = update(List.of(file("site.conf", "new\n")), List.of(command("reload", "exit 3")), List.of(),
        List.of());

    // then
    assertThatThrownBy(() -> ssh.apply(node("127.0.0.1"), Optional.empty(), u))
        .hasMessageContaining("\"reload\" exited 3").hasMessageContaining("old files were put back");
    assertThat(dir.resolve("etc/site.conf")).hasContent("old");
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    p.waitFor();
    return new String(p.getInputStream().readAllBytes()).strip();
  }
}
