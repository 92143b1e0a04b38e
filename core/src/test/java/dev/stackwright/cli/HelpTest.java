package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Cluster;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code --help}, {@code -h} and {@code help [VERB]}: what they print, their exit codes, and what they never do. */
class HelpTest {
  private static final String PROGRAM = "bash examples/seed";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> calls = new ArrayList<>();

  /** A provider that records every backend asked of it. */
  private final BackendProvider recording = new BackendProvider() {
    @Override
    public String name() {
      return "recording";
    }

    @Override
    public Optional<Backend> fromEnvironment(Map<String, String> environment) {
      calls.add("fromEnvironment");
      return Optional.empty();
    }

    @Override
    public Optional<Backend> forCluster(Cluster cluster, Map<String, String> environment) {
      calls.add("forCluster");
      return Optional.empty();
    }
  };

  private final Supplier<Cluster> cluster = () -> {
    calls.add("cluster");
    throw new AssertionError("help built the cluster");
  };

  private int run(String... args) {
    return Cli.builder().cluster(cluster).provider(recording).environment(Map.of("STACKWRIGHT_PROGRAM", PROGRAM))
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .build().run(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The output with every run of white space made one space, for the prose that wraps. */
  private String flat() {
    return out().replaceAll("\\s+", " ");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpWithoutAVerbListsEveryVerbTheBackendsAndTheExitCodes() {
    // when
    int exit = run("--help");

    // then
    assertThat(exit).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).startsWith("usage: " + PROGRAM + " VERB [OPTIONS]")
        .containsPattern("(?m)^  plan +show what apply would change")
        .containsPattern("(?m)^  render DIR +write every node's files")
        .containsPattern("(?m)^  help \\[VERB\\] +list the verbs")
        .contains("backends (--backend NAME): recording, ")
        .contains("4 plan --detailed-exitcode has changes");
    Help.names().forEach(verb -> assertThat(out()).containsPattern("(?m)^  " + verb + "\\b"));
  }

  @Test
  void aVerbsHelpSaysWhatItDoesItsOptionsExitCodesAndAnExample() {
    // when
    int exit = run("plan", "--help");

    // then
    assertThat(exit).as(err()).isEqualTo(ExitCode.OK);
    assertThat(out()).startsWith("usage: " + PROGRAM + " plan [--json | --diff] [--backend NAME]")
        .containsPattern("(?m)^  --detailed-exitcode +exit 4 when the plan has changes")
        .containsPattern("(?m)^  --backend NAME +where the verb runs: recording, ")
        .containsPattern("(?m)^  --json +print only the plan as JSON")
        .containsPattern("(?m)^  4 +with --detailed-exitcode")
        .endsWith("example:\n  " + PROGRAM + " plan --detailed-exitcode\n")
        .doesNotContain("--allow-data-loss");
    assertThat(flat()).contains("prints every change apply would make").contains("Changes nothing.")
        .contains("the plan has changes, or drift not delivered");
  }

  @Test
  void dashHAnywhereAfterTheVerbAsksForThatVerbsHelp() {
    // when
    int exit = run("apply", "--yes", "--backend", "nowhere", "-h");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out()).startsWith("usage: " + PROGRAM + " apply ").contains("--allow-data-loss");
  }

  @Test
  void helpVerbPrintsWhatVerbDashDashHelpPrints() {
    // given
    run("destroy", "--help");
    String dashDash = out();
    out.reset();

    // when
    int exit = run("help", "destroy");

    // then
    assertThat(exit).isEqualTo(ExitCode.OK);
    assertThat(out()).isEqualTo(dashDash);
    assertThat(flat()).contains("With --backend local: stops exactly the processes apply started.");
  }

  @Test
  void helpBuildsNoClusterAndAsksNoProviderForABackend() {
    // when
    run("--help");
    run("plan", "--help");
    run("help", "apply");

    // then
    assertThat(calls).isEmpty();
  }

  @Test
  void helpOnAnUnknownVerbExitsTwoWithTheClosestVerb() {
    // when
    int exit = run("help", "aply");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("unknown verb \"aply\"; did you mean \"apply\"?")
        .contains(PROGRAM + " --help lists the verbs");
    assertThat(out()).isEmpty();
  }

  @Test
  void anUnknownVerbKeepsItsHintAndPointsToHelp() {
    // when
    int exit = run("destory");

    // then
    assertThat(exit).isEqualTo(ExitCode.USAGE);
    assertThat(err()).contains("unknown verb \"destory\"; did you mean \"destroy\"? (--help lists the verbs)");
  }

  @Test
  void everyVerbTheParserTakesHasItsHelpAndEveryHelpIsOfAVerb() {
    // given
    List<String> helped = new ArrayList<>(Help.names());

    // when
    helped.remove("help");

    // then
    assertThat(helped).containsExactlyInAnyOrderElementsOf(Options.VERBS);
  }

  @Test
  void everyExitCodeAVerbNamesIsOneOfExitCodes() throws IllegalAccessException {
    // given
    List<Integer> codes = new ArrayList<>();
    for (Field f : ExitCode.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        codes.add(f.getInt(null));
      }
    }

    // when
    List<Integer> named = Help.VERBS.stream().flatMap(v -> v.exits().stream()).map(Help.Exit::code).toList();

    // then
    assertThat(codes).containsAll(named);
  }

  @Test
  void noLineOfAnyHelpIsWiderThanAHundredCharacters() {
    // given
    List<String> pages = new ArrayList<>(List.of(Help.list(PROGRAM, List.of("memory", "openstack", "local"))));
    Help.VERBS.forEach(v -> pages.add(Help.usage(v, PROGRAM, List.of("memory", "openstack", "nodes", "local"))));

    // when
    List<String> wide = pages.stream().flatMap(p -> Arrays.stream(p.split("\n"))).filter(l -> l.length() > 100)
        .toList();

    // then
    assertThat(wide).isEmpty();
  }

  @Test
  void wrapBreaksAtSpacesAndIndentsTheLaterLines() {
    // given
    String text = "word ".repeat(30).strip();

    // when
    String wrapped = Help.wrap("head: ", text, "    ");

    // then
    assertThat(wrapped.split("\n")).hasSize(2).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    assertThat(wrapped).startsWith("head: word word").contains("\n    word").endsWith("word\n");
  }
}
