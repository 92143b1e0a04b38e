package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.engine.CountingBackend;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.dsl.Corpus.Case;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: invalid topologies written with the fluent DSL, each refused by the entry points a user has
 * (the engine after {@code build()}, and the CLI) before a single call reaches the cloud, with an
 * {@link InvalidClusterException} whose problem names the path, the bad value and the fix. The corpus is the seed
 * topology broken in one way per case, plus a few small clusters where the seed cannot show the mistake; its families
 * live in {@code Corpus*} beside this class.
 */
class BadInputCorpusTest {

  /** Every family of the corpus, in the order the report shows them. */
  static final List<Case> CORPUS = Stream.of(CorpusNames.CASES, CorpusNetwork.CASES, CorpusSizes.CASES,
      CorpusPlacement.CASES, CorpusApplication.CASES, CorpusServices.CASES).flatMap(List::stream).toList();

  /** Each case named "case 7 of 84: ...", so a reader of the test report sees the corpus and its size. */
  static Stream<Named<Case>> corpus() {
    return IntStream.range(0, CORPUS.size())
        .mapToObj(i -> Named.of("case " + (i + 1) + " of " + CORPUS.size() + ": " + CORPUS.get(i).name(),
            CORPUS.get(i)));
  }

  private static CountingBackend cloud() {
    return new CountingBackend(InMemoryCloud.forCluster(Topologies.seed("corpus")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("the bad-input corpus, each case through Engine.apply and Engine.plan")
  void theEngineRefusesItBeforeAnyCall(Case bad) {
    CountingBackend cloud = cloud();
    Engine engine = Engine.builder().backend(cloud).parallelism(4).renderer(Topologies.renderer()).build();
    assertThatThrownBy(() -> engine.apply(bad.topology().get().build()))
        .isExactlyInstanceOf(InvalidClusterException.class)
        .satisfies(e -> assertNamesPathValueAndFix(bad, (InvalidClusterException) e));
    assertThatThrownBy(() -> engine.plan(bad.topology().get().build()))
        .isExactlyInstanceOf(InvalidClusterException.class);
    assertThat(cloud.requests()).as("calls that reached the cloud: %s", cloud.calls()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("the bad-input corpus, each case through the CLI's apply --yes")
  void theCliRefusesItBeforeAnyCall(Case bad) {
    CountingBackend cloud = cloud();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.builder().cluster(() -> bad.topology().get().build()).provider(InMemoryProvider.of(cloud))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .environment(Map.of()).build().run("apply", "--yes", "--backend", "memory");
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isEqualTo(ExitCode.USAGE);
    assertThat(printed).contains("Validation failed").contains(escaped(bad.fix())).doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(cloud.requests()).as("calls that reached the cloud: %s", cloud.calls()).isZero();
  }

  /** The CLI prints messages with control characters escaped. */
  private static String escaped(String s) {
    return s.replace("\n", "\\n");
  }

  private static void assertNamesPathValueAndFix(Case bad, InvalidClusterException e) {
    assertThat(e.getCause()).isNull();
    assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo(bad.path());
      assertThat(p.fix()).contains(bad.fix());
      p.value().ifPresent(v -> assertThat(p.fix()).as("a fix that suggests the value it refused")
          .doesNotContain("such as \"" + v + "\""));
      if (bad.value() == null) {
        assertThat(p.value()).isEmpty();
      } else {
        assertThat(p.value()).hasValueSatisfying(v -> assertThat(v).contains(bad.value()));
      }
    });
    // one header line and one line per problem: a hostile name cannot add or break lines
    assertThat(e.getMessage().lines()).hasSize(e.problems().size() + 1);
    assertThat(e.getMessage().lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith("  ["));
  }

  @Test
  void theCorpusHasAtLeastOneHundredAndTwentyCases() {
    assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(120);
    assertThat(CORPUS).extracting(Case::name).doesNotHaveDuplicates();
  }

  @Test
  void aTopologyWithSeveralProblemsReportsAllOfThemAtOnce() {
    // given the seed with six unrelated mistakes
    ClusterDsl c = Topologies.seedDsl("many").gateway("10.0.254.1");
    c.role("worker").count(300).flavor("hcp").subnet("10.0.100");
    c.role("gpu").kind(BuiltInServices.WORKER).subnet("10.0.11").flavor("hpc");
    c.flavor("tiny").vcpus(0).ramGb(1);
    c.host("pool").flavor("hpc").carries("wroker");
    c.quota().cores(-1);
    CountingBackend cloud = cloud();
    Engine engine = Engine.builder().backend(cloud).parallelism(4).renderer(Topologies.renderer()).build();

    // when / then
    assertThatThrownBy(() -> engine.apply(c.build())).isInstanceOfSatisfying(InvalidClusterException.class, e ->
        assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder("cluster.gateway",
            "flavor[tiny].vcpus", "role[worker].flavor", "host[pool].carries", "role[gpu].subnet",
            "role[worker].count", "cluster.quota.cores"));
    assertThat(cloud.requests()).isZero();
  }
}
