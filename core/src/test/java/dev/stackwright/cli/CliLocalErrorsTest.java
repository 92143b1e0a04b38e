package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.local.LocalRun;
import dev.stackwright.local.internal.Processes;
import dev.stackwright.model.Cluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --backend local}: every class of error a user causes or meets (a port held by another program, a program
 * not installed, a directory that is not there or cannot be written, another run on the same directory, a corrupt
 * pid file) ends in an exit code and a message that says what, where and the fix, never in a stack trace. Its
 * addresses (127.0.0.77, 127.0.177-181.*) are used by no other test.
 */
class CliLocalErrorsTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private LocalRun run;

  private static Cluster cluster() {
    ClusterDsl c = Stackwright.cluster("clilocal").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.77").flavor("small");
    c.role("webserver").subnet("10.0.177").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.178").flavor("small");
    c.role("database").subnet("10.0.179").flavor("small");
    c.role("broker").subnet("10.0.180").flavor("small");
    c.role("worker").subnet("10.0.181").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/d.git")
        .version("v1");
    return c.build();
  }

  /** A local run in the test's directory, ports above 1024, short waits; {@code more} adds to it. */
  private LocalRun localRun(UnaryOperator<LocalRun.Builder> more) {
    reachable(dir);
    run = more.apply(LocalRun.builder().runDir(dir.resolve("run")).privilegedPorts(false)
        .readyTimeout(Duration.ofSeconds(20)).stopGrace(Duration.ofSeconds(5))).build();
    return run;
  }

  /** nginx's workers (www-data) must reach the run directory: a JUnit temporary directory is 0700. */
  private static void reachable(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int cli(LocalRun local, String... args) {
    return Cli.builder().cluster(CliLocalErrorsTest::cluster).localRun(local)
        .environment(Map.of("HOME", dir.toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private void noStackTrace() {
    assertThat(err() + out()).doesNotContain("\tat ").doesNotContain("Exception:");
  }

  private void nothingStarted() {
    assertThat(run.status(cluster()).services()).isEmpty();
  }

  /** Stops whatever a test started, also when it failed. */
  @AfterEach
  void stopEverything() {
    if (run != null && Files.isDirectory(dir.resolve("run/pids"))) {
      run.destroy(cluster());
    }
  }

  private static Path script(Path file, String body) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void aPortHeldByAnotherProgramStopsApplyBeforeAnythingStarts() throws Exception {
    // given: another program listens where the controller's nginx would (80 moves to 8080 when ports move)
    LocalRun local = localRun(b -> b);
    try (ServerSocket other = new ServerSocket()) {
      other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.77"), 8080));

      // when
      int exit = cli(local, "apply", "--backend", "local");

      // then
      assertThat(exit).isEqualTo(ExitCode.USAGE);
      assertThat(err()).contains("127.0.0.77:8080 is already in use by a program this run did not start")
          .contains("nginx@controller-1").contains("nothing was started").contains("stop the program");
      noStackTrace();
      nothingStarted();
    }
  }

  @Test
  void programsThatAreNotInstalledStopApplyBeforeAnythingStartsAndAreNamedAllAtOnce() {
    // given
    Path python = dir.resolve("nowhere/python3");
    Path pouchdb = dir.resolve("nowhere/pouchdb-server");
    LocalRun local = localRun(b -> b.python(python).pouchdbServer(pouchdb));

    // when
    int exit = cli(local, "apply", "--backend", "local");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains(python + " is not installed").contains("LocalRun.builder().python(")
        .contains(pouchdb + " is not installed").contains("install-pouchdb.sh").contains("nothing was started");
    noStackTrace();
    nothingStarted();
  }

  @Test
  void anApplicationDirectoryThatIsNotThereIsRefusedNamingIt() {
    // given
    Path app = dir.resolve("no-such-app");
    LocalRun local = localRun(b -> b.application(app));

    // when
    int exit = cli(local, "apply", "--backend", "local");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains(app.toString()).contains("is not a directory").contains("localApplication");
    noStackTrace();
    nothingStarted();
  }

  @Test
  void aRunDirectoryThatCannotBeWrittenIsRefusedNamingIt() throws Exception {
    // given: the run directory would be below a plain file
    Path file = Files.writeString(dir.resolve("plain"), "x");
    LocalRun local = LocalRun.builder().runDir(file.resolve("run")).privilegedPorts(false).build();

    // when
    int exit = cli(local, "apply", "--backend", "local");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("cannot create").contains(file.toString()).contains("runDir(");
    noStackTrace();
  }

  @Test
  void destroyWithNothingRunningSaysSo() {
    // given
    LocalRun local = localRun(b -> b);

    // when
    int exit = cli(local, "destroy", "--backend", "local");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("Nothing to destroy").contains(dir.resolve("run/pids").toString());
    noStackTrace();
  }

  @Test
  void aPidFileThatHoldsNoPidIsReportedAndRemovedWithoutATrace() throws Exception {
    // given: a pid file of bytes that are not text (a disk error, an editor)
    LocalRun local = localRun(b -> b);
    Path pid = Files.createDirectories(dir.resolve("run/pids")).resolve("nginx@controller-1.pid");
    Files.write(pid, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

    // when
    int exit = cli(local, "destroy", "--backend", "local");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("nginx@controller-1").contains("its pid file held no pid");
    assertThat(pid).doesNotExist();
    noStackTrace();
  }

  @Test
  void aPidFileThatCannotBeReadIsNamedWithTheFix() throws Exception {
    // given: a directory where a pid file should be
    LocalRun local = localRun(b -> b);
    Path pid = Files.createDirectories(dir.resolve("run/pids/nginx@controller-1.pid"));

    // when
    int exit = cli(local, "destroy", "--backend", "local");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains(pid.toString()).contains("cannot read").contains("remove it");
    noStackTrace();
    Files.delete(pid);
  }

  @Test
  void anApplyWhileADestroyRunsOnTheSameDirectoryIsRefused() throws Exception {
    // given: a recorded service that ignores SIGTERM, so destroy waits out its grace period
    LocalRun local = localRun(b -> b);
    Path marker = dir.resolve("got-term");
    Path stubborn = script(dir.resolve("stubborn.sh"), "trap 'touch " + marker + "' TERM\n"
        + "while true; do sleep 0.2; done");
    Processes.Pid pid = Processes.start(List.of(stubborn.toString()), dir, Map.of("PATH", "/usr/bin:/bin"),
        dir.resolve("stubborn.log"));
    Files.createDirectories(dir.resolve("run/pids"));
    Files.writeString(dir.resolve("run/pids/stubborn@node-1.pid"), pid.format() + "\ntest\nnode-1\n\n");
    Thread destroy = new Thread(() -> local.destroy(cluster()), "test-destroy");
    destroy.start();
    try {
      for (int i = 0; i < 100 && !Files.exists(marker); i++) {
        Thread.sleep(100);
      }
      assertThat(marker).as("destroy has signalled the stubborn service").exists();

      // when
      int exit = cli(local, "apply", "--backend", "local");

      // then
      assertThat(exit).isEqualTo(ExitCode.USAGE);
      assertThat(err()).contains("another apply or destroy").contains(dir.resolve("run").toString())
          .contains("wait for it");
      noStackTrace();
    } finally {
      destroy.join(Duration.ofSeconds(30).toMillis());
      Processes.stopGroup(pid, "KILL", Duration.ofSeconds(1));
    }
  }

  @Test
  void aServiceThatExitsOnStartMakesAPartialApplyThatSaysHowToStopWhatStarted() throws Exception {
    // given: every program is there, but the database's exits at once; nginx is needed for the rest
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "nginx is not installed");
    Path failing = script(dir.resolve("bin/pouchdb-server"), "echo 'cannot open the database' >&2; exit 1");
    LocalRun local = localRun(b -> b.pouchdbServer(failing));

    // when
    int exit = cli(local, "apply", "--backend", "local");

    // then
    assertThat(exit).isEqualTo(ExitCode.FAILED);
    assertThat(err()).contains("couchdb@database-1").contains("cannot open the database")
        .contains("destroy --backend local");
    assertThat(out()).contains("nginx@controller-1").doesNotContain("everything answers");
    noStackTrace();
  }
}
