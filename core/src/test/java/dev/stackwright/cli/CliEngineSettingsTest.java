package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Engine;
import dev.stackwright.fixtures.Seed;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.RuleSpec;
import dev.stackwright.spi.ServerGroupSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a program gives Cli.Builder (renderer, engine settings) reaches the verbs; the command line's options win. */
class CliEngineSettingsTest {
  @TempDir
  Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Cluster seed = Seed.named("seed").build();
  private final InMemoryCloud cloud = InMemoryCloud.forCluster(seed);

  private int run(Renderer renderer, Consumer<Engine.Builder> settings, String... args) {
    return Cli.builder().cluster(() -> seed).provider(InMemoryProvider.of(cloud)).renderer(renderer)
        .engine(settings).environment(Map.of("HOME", home.toString()))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .in(new ByteArrayInputStream(new byte[0])).build().run(args);
  }

  private static Renderer plain() {
    return Renderer.builder().secrets(SecretSource.forTests()).build();
  }

  private List<String> serverGroupPolicies() {
    return cloud.observe("seed").resources().stream().filter(o -> o.spec() instanceof ServerGroupSpec)
        .map(o -> ((ServerGroupSpec) o.spec()).policy()).distinct().toList();
  }

  @Test
  void aTemplateOverrideAndAnExtraRuleReachPlan() throws IOException {
    // given
    Engine.builder().backend(cloud).renderer(plain()).build().apply(seed);
    Path templates = Files.createDirectories(home.resolve("templates/nginx"));
    Files.writeString(templates.resolve("webserver.conf.jinja"), "# the site's own load balancer on {{ node.name }}\n");
    Renderer overridden = Renderer.builder().secrets(SecretSource.forTests())
        .templateDirectory(home.resolve("templates")).build();

    // when
    int exit = run(overridden, e -> e.rule(BuiltInServices.WORKER, RuleSpec.tcpFrom(9100, "192.0.2.0/24",
        "node exporter")), "plan", "--detailed-exitcode");

    // then
    String plan = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(plan).isEqualTo(ExitCode.CHANGES_PENDING);
    assertThat(plan).contains("~ worker (seed-worker): add tcp 9100 from 192.0.2.0/24 (node exporter)")
        .contains("webserver-1: /etc/nginx/sites-enabled/stackwright-webserver.conf changed");
  }

  @Test
  void theProgramsEngineSettingsApplyWhenNoOptionSaysOtherwise() {
    // when
    int exit = run(plain(), e -> e.serverGroupPolicy("soft-anti-affinity").parallelism(2), "apply", "--yes");

    // then
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    assertThat(serverGroupPolicies()).containsExactly("soft-anti-affinity");
  }

  @Test
  void anOptionOnTheCommandLineWinsOverTheProgramsSetting() {
    // when
    int exit = run(plain(), e -> e.serverGroupPolicy("soft-anti-affinity"), "apply", "--yes",
        "--server-group-policy", "anti-affinity");

    // then
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    assertThat(serverGroupPolicies()).containsExactly("anti-affinity");
  }

  @Test
  void theBackendIsTheOneTheCommandLineChoseWhateverTheSettingsSay() {
    // given
    InMemoryCloud other = InMemoryCloud.forCluster(seed);

    // when
    run(plain(), e -> e.backend(other), "apply", "--yes");

    // then
    assertThat(other.observe("seed").resources()).isEmpty();
    assertThat(cloud.observe("seed").resources()).isNotEmpty();
  }
}
