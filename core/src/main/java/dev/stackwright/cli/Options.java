package dev.stackwright.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The command line, parsed: a verb, its argument, and the options. */
record Options(String verb, Optional<String> argument, boolean yes, Optional<String> backend,
    OptionalInt parallelism, Optional<Path> out, boolean detailedExitCode, Optional<Path> publicKey,
    Optional<String> serverGroupPolicy, boolean allowDataLoss, boolean json, boolean diff) {

  /**
   * The verbs it takes; each has its entry in {@link Help#VERBS}. {@code export} is here for the "did you mean" hint:
   * {@link Cli} hands it to {@link ExportCommand}, which reads its own arguments, before this parse.
   */
  static final Set<String> VERBS = Set.of("plan", "apply", "destroy", "render", "report", "output", "graph",
      "export");

  static Options parse(String... args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no verb given (--help lists the verbs)");
    }
    String verb = args[0];
    if (!VERBS.contains(verb)) {
      throw new IllegalArgumentException("unknown verb \"" + verb + "\""
          + dev.stackwright.Closest.hint(verb, VERBS) + " (--help lists the verbs)");
    }
    Optional<String> argument = Optional.empty();
    boolean yes = false;
    boolean detailed = false;
    Optional<String> backend = Optional.empty();
    OptionalInt parallelism = OptionalInt.empty();
    Optional<Path> out = Optional.empty();
    Optional<Path> publicKey = Optional.empty();
    Optional<String> policy = Optional.empty();
    boolean dataLoss = false;
    boolean json = false;
    boolean diff = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--yes", "-y" -> yes = true;
        case "--detailed-exitcode" -> detailed = true;
        case "--allow-data-loss" -> dataLoss = true;
        case "--json" -> json = true;
        case "--diff" -> diff = true;
        case "--backend" -> backend = Optional.of(value(args, ++i, a));
        case "--out" -> out = Optional.of(Path.of(value(args, ++i, a)));
        case "--public-key" -> publicKey = Optional.of(Path.of(value(args, ++i, a)));
        case "--server-group-policy" -> policy = Optional.of(policy(value(args, ++i, a)));
        case "--parallelism" -> {
          String v = value(args, ++i, a);
          try {
            int n = Integer.parseInt(v);
            if (n < 1) {
              throw new NumberFormatException();
            }
            parallelism = OptionalInt.of(n);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--parallelism takes a whole number of at least 1, not \"" + v + "\"");
          }
        }
        default -> {
          if (a.startsWith("-") || argument.isPresent() || !(verb.equals("render") || verb.equals("graph"))) {
            throw new IllegalArgumentException("unexpected \"" + a + "\" after " + verb);
          }
          argument = Optional.of(a);
        }
      }
    }
    if (verb.equals("render") && argument.isEmpty()) {
      throw new IllegalArgumentException("render needs the directory to write into: render DIR");
    }
    if (json && !verb.equals("plan") && !verb.equals("output")) {
      throw new IllegalArgumentException("--json is an option of plan and output, not of " + verb);
    }
    if (diff && !verb.equals("plan")) {
      throw new IllegalArgumentException("--diff is an option of plan, not of " + verb);
    }
    if (json && diff) {
      throw new IllegalArgumentException("--json and --diff do not go together: --json prints only the JSON, which"
          + " carries each changed file's lines added and removed; run plan --diff for the diff itself");
    }
    return new Options(verb, argument, yes, backend, parallelism, out, detailed, publicKey, policy,
        dataLoss, json, diff);
  }

  private static String policy(String v) {
    if (!v.equals("anti-affinity") && !v.equals("soft-anti-affinity")) {
      throw new IllegalArgumentException("--server-group-policy takes anti-affinity or soft-anti-affinity, not \""
          + v + "\"");
    }
    return v;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
