package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.engine.PlanSchema;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan --json and plan --diff on the in-memory cloud, one cloud across runs as a cloud that remembers would be: the
 * JSON alone on stdout and valid, the exit codes, and a diff from the files the last apply kept on this machine.
 */
class PlanDataCliTest {
  private static final String WEB_CONF = "/etc/nginx/sites-enabled/stackwright-webserver.conf";

  @TempDir
  Path home;

  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;
  private InMemoryCloud cloud;

  @BeforeEach
  void cloud() {
    cloud = InMemoryCloud.forCluster(three());
  }

  private static Cluster one() {
    return Seed.named("pd").split().build();
  }

  private static Cluster three() {
    return Seed.named("pd").split().role("appserver", a -> a.count(3)).build();
  }

  private static Map<SecretName, String> secrets(String adminPassword) {
    Map<SecretName, String> values = new LinkedHashMap<>();
    for (SecretName name : SecretName.builtIn()) {
      values.put(name, "pd-test-" + name.key() + "-0123456789");
    }
    values.put(SecretName.ADMIN_PASSWORD, adminPassword);
    return values;
  }

  private int run(Supplier<Cluster> cluster, String... args) {
    return run(cluster, home.resolve("state"), secrets("pd-admin-password-one"), args);
  }

  private int run(Supplier<Cluster> cluster, Path state, Map<SecretName, String> secrets, String... args) {
    return run(cluster, state, Renderer.builder().secrets(SecretSource.of(secrets)).build(), args);
  }

  private int run(Supplier<Cluster> cluster, Path state, Renderer renderer, String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return Cli.builder().cluster(cluster).provider(InMemoryProvider.of(cloud)).renderer(renderer)
        .environment(Map.of("HOME", home.toString(), "STACKWRIGHT_STATE_DIR", state.toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void applied(Supplier<Cluster> cluster) {
    assertThat(run(cluster, "apply", "--yes", "--out", home.resolve("out").toString())).as(err())
        .isEqualTo(ExitCode.OK);
  }

  @Test
  void planJsonPrintsOnlyAValidDocument() throws Exception {
    // when
    int exit = run(PlanDataCliTest::one, "plan", "--json");

    // then
    assertThat(exit).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).startsWith("{").endsWith("}\n").doesNotContain("backend: ");
    assertThat(PlanSchema.errors(out())).isEmpty();
    assertThat(new ObjectMapper().readTree(out()).get("cluster").asText()).isEqualTo("pd");
  }

  @Test
  void planJsonWithDetailedExitcodeExitsFourWhenThereAreChanges() {
    // when
    int exit = run(PlanDataCliTest::one, "plan", "--json", "--detailed-exitcode");

    // then
    assertThat(exit).isEqualTo(ExitCode.CHANGES_PENDING);
    assertThat(PlanSchema.errors(out())).isEmpty();
  }

  @Test
  void planJsonWithDetailedExitcodeExitsZeroOnceConverged() {
    // given
    applied(PlanDataCliTest::one);

    // when
    int exit = run(PlanDataCliTest::one, "plan", "--json", "--detailed-exitcode");

    // then
    assertThat(exit).as(out()).isEqualTo(ExitCode.OK);
    assertThat(out()).contains("\"empty\": true");
  }

  @Test
  void aUsageErrorOfPlanJsonGoesToStderrAndLeavesStdoutEmpty() {
    // when
    int exit = run(PlanDataCliTest::one, "plan", "--json", "--diff");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("--json and --diff do not go together");
  }

  @Test
  void jsonIsNotAnOptionOfApply() {
    // when
    int exit = run(PlanDataCliTest::one, "apply", "--json");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("--json is an option of plan and output, not of apply");
  }

  @Test
  void theDiffOfAScaleUpShowsTheNewUpstreamsAgainstTheFileTheLastApplyKept() {
    // given
    applied(PlanDataCliTest::one);

    // when
    int exit = run(PlanDataCliTest::three, "plan", "--diff");

    // then
    assertThat(exit).as(err()).isEqualTo(ExitCode.OK);
    String diff = out().substring(out().indexOf("File changes"));
    assertThat(diff).contains("--- a/webserver-1" + WEB_CONF + "\n+++ b/webserver-1" + WEB_CONF + "\n@@ -")
        .containsPattern("\n\\+ *server 10\\.0\\.11\\.\\d+:8000")
        .doesNotContain("previous content not known");
  }

  @Test
  void withoutTheFilesKeptHereTheDiffSaysThePreviousContentIsNotKnown() {
    // given: applied from another machine (another state directory)
    run(PlanDataCliTest::one, home.resolve("elsewhere"), secrets("pd-admin-password-one"), "apply", "--yes");

    // when
    run(PlanDataCliTest::three, "plan", "--diff");

    // then
    assertThat(out()).containsPattern("webserver-1:" + WEB_CONF + ": previous content not known on this machine"
        + " \\(digest [0-9a-f]{12}\\); the new file:\n--- /dev/null\n\\+\\+\\+ b/webserver-1" + WEB_CONF);
  }

  @Test
  void aKeptFileWhoseDigestIsNotTheCloudsIsNotUsed() throws Exception {
    // given
    applied(PlanDataCliTest::one);
    Path kept = home.resolve("state/pd/applied/webserver-1" + WEB_CONF);
    Files.writeString(kept, Files.readString(kept) + "# edited here since\n");

    // when
    run(PlanDataCliTest::three, "plan", "--diff");

    // then
    assertThat(out()).contains("webserver-1:" + WEB_CONF + ": previous content not known on this machine");
  }

  @Test
  void planJsonCountsTheLinesOfAChangedFileWhosePreviousContentIsKept() throws Exception {
    // given
    applied(PlanDataCliTest::one);

    // when
    run(PlanDataCliTest::three, "plan", "--json");

    // then
    assertThat(PlanSchema.errors(out())).isEmpty();
    JsonNode conf = null;
    for (JsonNode f : new ObjectMapper().readTree(out()).get("files")) {
      if (f.get("node").asText().equals("webserver-1") && f.get("path").asText().equals(WEB_CONF)) {
        conf = f;
      }
    }
    assertThat(conf).isNotNull();
    assertThat(conf.get("status").asText()).isEqualTo("changed");
    assertThat(conf.get("linesAdded").asInt()).isPositive();
  }

  @Test
  void aChangedSecretShowsOnlyThatSecretFilesChangedNeverAValue() {
    // given
    applied(PlanDataCliTest::one);

    // when
    run(PlanDataCliTest::one, home.resolve("state"), secrets("pd-admin-password-two"), "plan", "--diff");

    // then
    assertThat(out()).contains("secret file changed: content not shown (digest ")
        .doesNotContain("pd-admin-password-one").doesNotContain("pd-admin-password-two");
    secrets("pd-admin-password-two").values().forEach(v -> assertThat(out()).doesNotContain(v));
  }

  @Test
  void aFileThatComesToHoldASecretIsMaskedWholeThoughItsOldContentWasKept() throws Exception {
    // given: a file of the user's own, applied without a secret, then given the admin password
    run(PlanDataCliTest::one, home.resolve("state"), agent("level=one\n"), "apply", "--yes");

    // when
    run(PlanDataCliTest::one, home.resolve("state"), agent("level=one\npassword={{ secrets.admin_password }}\n"),
        "plan", "--diff");

    // then
    assertThat(out()).contains("--- a/webserver-1/etc/mine/agent.conf\n+++ b/webserver-1/etc/mine/agent.conf\n"
        + "secret file changed: content not shown").doesNotContain("pd-admin-password-one").doesNotContain("level=");
  }

  /** A renderer giving the webserver a file of the user's own, /etc/mine/agent.conf, from {@code template}. */
  private Renderer agent(String template) throws java.io.IOException {
    Path templates = Files.createDirectories(home.resolve("templates-" + template.length()).resolve("mine"));
    Files.writeString(templates.resolve("agent.conf.jinja"), template);
    return Renderer.builder().secrets(SecretSource.of(secrets("pd-admin-password-one")))
        .templateDirectory(templates.getParent()).addFile("webserver", "/etc/mine/agent.conf", "mine/agent.conf.jinja")
        .build();
  }

  @Test
  void secretFilesAreNotKeptAndADestroyForgetsTheRest() throws Exception {
    // given
    applied(PlanDataCliTest::one);
    Path kept = home.resolve("state/pd/applied");
    try (var files = Files.walk(kept)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> {
        try {
          return Files.readString(f);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      })).isNotEmpty().noneMatch(c -> c.contains("pd-admin-password-one") || c.contains("pd-test-"));
    }

    // when
    int exit = run(PlanDataCliTest::one, "destroy", "--yes");

    // then
    assertThat(exit).as(err()).isEqualTo(ExitCode.OK);
    assertThat(kept).doesNotExist();
  }
}
