package dev.stackwright.cli;

import dev.stackwright.export.HeatTemplate;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line's help: {@code --help} or {@code -h} anywhere, or {@code help [VERB]}, prints a verb's usage (what
 * it does, its options, its exit codes, an example) or, without a verb, the list of verbs. It builds no cluster and
 * makes no backend, so it answers at once.
 *
 * <p>A table with one {@link Verb} per verb: a new verb adds its entry to {@link #VERBS} (and its name to
 * {@link Options}); an option several verbs take is an {@link Option} constant here, one only a verb takes is written
 * in that verb's entry.
 */
final class Help {
  /** How an option is written and what it does; {@code {backends}} in the text stands for the names it takes. */
  record Option(String usage, String text) {}

  /** An exit code of a verb and when the verb returns it. */
  record Exit(int code, String when) {}

  /**
   * One verb: its usage after the program, one line for the list of verbs, what it does, its options, its exit codes,
   * and an example after the program.
   */
  record Verb(String name, String synopsis, String summary, String description, List<Option> options,
      List<Exit> exits, String example) {}

  static final Option YES = new Option("--yes, -y", "go ahead without asking; without it only an answer of 'yes' on"
      + " standard input does, and with no one to ask nothing is changed (exit 3)");
  static final Option BACKEND = new Option("--backend NAME", "where the verb runs: {backends}. Without it: the cloud"
      + " the environment names (a sourced openrc's OS_AUTH_URL..., or OS_CLOUD), else memory, the embedded"
      + " in-memory cloud; nodes and local only when named");
  static final Option PARALLELISM = new Option("--parallelism N", "at most N changes at once (default: what the"
      + " backend allows)");
  static final Option OUT = new Option("--out DIR", "where apply writes every node's rendered files (default"
      + " target/stackwright/CLUSTER)");
  static final Option PUBLIC_KEY = new Option("--public-key FILE", "the servers' SSH public key (default"
      + " ~/.ssh/id_ed25519.pub or id_rsa.pub when present); its private half, FILE without .pub, reaches the running"
      + " servers");
  static final Option DETAILED_EXITCODE = new Option("--detailed-exitcode", "exit 4 when the plan has changes (or"
      + " drift not delivered), 0 when nothing is pending");
  static final Option SERVER_GROUP_POLICY = new Option("--server-group-policy P", "anti-affinity (the default) or"
      + " soft-anti-affinity: how the VMs of a host kind spread over the hypervisors; soft for a cloud with fewer"
      + " hypervisors than a host kind has VMs");
  static final Option ALLOW_DATA_LOSS = new Option("--allow-data-loss", "let apply rebuild or replace a node whose"
      + " services hold data (a database, a broker); without it such a plan changes nothing and exits 2");

  static final Exit USAGE = new Exit(ExitCode.USAGE, "bad usage, an invalid cluster (every problem is listed), or a"
      + " backend that cannot be reached; nothing was changed");
  static final Exit ABORTED = new Exit(ExitCode.ABORTED, "the answer was not 'yes', or there was no one to ask and"
      + " no --yes; nothing was changed");

  /** Every verb, in the order the list shows them. */
  static final List<Verb> VERBS = List.of(
      new Verb("plan", "plan [--json | --diff] [--backend NAME] [--detailed-exitcode] [--public-key FILE]"
          + " [--server-group-policy P]",
          "show what apply would change, with a reason per change; changes nothing",
          "Compares the cluster with what the backend holds under the cluster's marker and prints every change apply"
              + " would make (create, update, replace, delete), each with its reason and whether it destroys data; for"
              + " running servers, the files that change and the units that reload or restart. Changes nothing. With"
              + " --backend local: what runs, and what an apply would change.",
          List.of(new Option("--json", "print only the plan as JSON on standard output (no \"backend:\" line, no"
                  + " progress; errors on standard error), following docs/schema/plan-v1.schema.json: every change"
                  + " with its reason and destroys-data flag, what each node's reconfigure or rebuild runs, the drift,"
                  + " the summary counts and each changed file (node, path, old and new digest, lines added and"
                  + " removed when known, secret or not); never a secret or a file's content"),
              new Option("--diff", "after the plan, a unified diff (3 lines of context) of each file a change writes,"
                  + " per node, as --- a/NODE/PATH and +++ b/NODE/PATH; the previous content is the one kept under"
                  + " .stackwright/CLUSTER/applied/ at the last apply on this machine, used only while the cloud"
                  + " records the same digest (otherwise: \"previous content not known on this machine\" and the new"
                  + " file); a secret file shows only that it changed"),
              BACKEND, DETAILED_EXITCODE, PUBLIC_KEY, SERVER_GROUP_POLICY),
          List.of(new Exit(ExitCode.OK, "the plan was printed (with --detailed-exitcode: nothing is pending)"),
              USAGE, new Exit(ExitCode.CHANGES_PENDING, "with --detailed-exitcode (and --json too): the plan has"
                  + " changes, or drift not delivered")),
          "plan --detailed-exitcode"),
      new Verb("apply", "apply [--yes] [--backend NAME] [--parallelism N] [--out DIR] [--public-key FILE]"
          + " [--server-group-policy P] [--allow-data-loss]",
          "make the backend match the cluster: plan, ask, change, write the rendered files",
          "Plans, asks (--yes does not), then makes the changes, printing a line per started and finished change and"
              + " a summary; files changed on running servers are pushed, and the units that own them reloaded or"
              + " restarted. Then writes every node's rendered files under --out and ends with the cluster's entry"
              + " points (output prints them again). With --backend local: starts the cluster's services as processes"
              + " on this machine and prints the load balancer's and the controller's URLs.",
          List.of(YES, BACKEND, PARALLELISM, OUT, PUBLIC_KEY, SERVER_GROUP_POLICY, ALLOW_DATA_LOSS),
          List.of(new Exit(ExitCode.OK, "applied, or nothing to do"), new Exit(ExitCode.FAILED, "some changes failed;"
              + " the output names each and what was left undone, and apply again finishes the job"), USAGE, ABORTED),
          "apply --yes"),
      new Verb("destroy", "destroy [--yes] [--backend NAME] [--parallelism N]",
          "delete every resource that carries the cluster's marker, after asking",
          "Plans the deletion of every resource the backend holds under the cluster's marker, and nothing else; asks"
              + " (--yes does not), then deletes them. With --backend local: stops exactly the processes apply"
              + " started.",
          List.of(YES, BACKEND, PARALLELISM),
          List.of(new Exit(ExitCode.OK, "destroyed, or nothing to destroy"), new Exit(ExitCode.FAILED, "some deletions"
              + " failed; destroy again finishes the job"), USAGE, ABORTED),
          "destroy --yes"),
      new Verb("output", "output [--json] [--backend NAME] [--public-key FILE]",
          "print the cluster's entry points as they are now; changes nothing",
          "Prints the cluster's entry points from one look at the backend: the load balancer's URL (its floating IP"
              + " when it has one, else its fixed address), the controller's admin URL, every floating IP with its"
              + " node, and the SSH command to the controller and one to an inner node through it. On the in-memory"
              + " cloud the addresses are its own records and say so: they are not reachable. With --backend local:"
              + " the local run's URLs (127.x) in the same shape. Changes nothing.",
          List.of(new Option("--json", "JSON only on standard output (keys: format, cluster, backend, reachable, note,"
                  + " load_balancer_url, admin_url, floating_ips [{node, address}], ssh {user, host, identity_file,"
                  + " command, inner_node, inner_command}); an absent value is null. docs/engine.md, \"Outputs\""),
              BACKEND, new Option("--public-key FILE", "the servers' SSH public key: the SSH commands take -i with its"
                  + " private half (or the default key's, ~/.ssh/id_ed25519 when its .pub is there)")),
          List.of(new Exit(ExitCode.OK, "printed (also when nothing exists yet: the outputs say so)"), USAGE),
          "output --json"),
      new Verb("render", "render DIR", "write every node's files and user-data under DIR; needs no cloud",
          "Renders every node's configuration files and cloud-init user-data from the cluster alone, writes them as"
              + " DIR/NODE/PATH-ON-THE-NODE and prints each node's file count and user-data checksum. Makes no"
              + " backend: contacts no cloud, even when OS_* name one.",
          List.of(),
          List.of(new Exit(ExitCode.OK, "written"), new Exit(ExitCode.USAGE, "no DIR, an invalid cluster, or DIR"
              + " cannot be written")),
          "render target/files"),
      new Verb("report", "report", "print the capacity overview and the address plan; needs no cloud",
          "Prints the capacity overview (each host kind's VMs, vCPUs, RAM and roles, and the totals) and the address"
              + " plan (every node's roles with their addresses and ports) from the cluster alone. Makes no backend.",
          List.of(),
          List.of(new Exit(ExitCode.OK, "printed"), new Exit(ExitCode.USAGE, "an invalid cluster (every problem is"
              + " listed)")),
          "report"),
      new Verb("graph", "graph [FILE]", "write the topology as Graphviz DOT, and SVG when Graphviz is installed",
          "Writes the cluster's topology as a Graphviz DOT file and, when Graphviz's dot is installed, an SVG beside"
              + " it: a box per host kind with its VMs, each VM's roles and their addresses, the SSH jump host and the"
              + " public entries, and an edge per security rule (who may connect to whom, on which port and"
              + " protocol), from the outside world and the admin network too. FILE is the DOT file (FILE.dot when it"
              + " has no .dot ending; the SVG is FILE.svg), by default target/stackwright/CLUSTER/topology.dot. Without"
              + " dot it says \"install graphviz for SVG\" and writes the DOT only; dot runs for at most 60 s. Makes no"
              + " backend: contacts no cloud.",
          List.of(),
          List.of(new Exit(ExitCode.OK, "written (the DOT, and the SVG when dot is installed)"),
              new Exit(ExitCode.FAILED, "dot failed or took too long, or the SVG could not be written (the DOT is"
                  + " written)"),
              new Exit(ExitCode.USAGE, "bad usage, an invalid cluster, or a DOT file that cannot be written")),
          "graph target/seed.dot"),
      new Verb("export", "export heat FILE [--server-group-policy P]",
          "write the cluster as a Heat template (HOT) for clouds whose policy wants Heat stacks",
          "Writes the cluster as a Heat Orchestration Template (HOT " + HeatTemplate.VERSION + ") to FILE: the"
              + " security groups and their rules, the server groups, the ports with their fixed addresses, the servers"
              + " with their cloud-init user-data, the floating IPs; the same resources apply makes. Parameters:"
              + " key_name (required), network, image, external_network (their defaults are the model's names)."
              + " Outputs: the entry points' addresses. The user-data holds the cluster's secrets, as apply's does:"
              + " FILE is written readable by its owner only. The files are rendered before any port exists, as render"
              + " does: the controller's DHCP leases are pending, and no file names a floating IP. Create the stack"
              + " with: openstack stack create --template FILE --parameter key_name=KEY NAME. Makes no backend:"
              + " contacts no cloud.",
          List.of(SERVER_GROUP_POLICY),
          List.of(new Exit(ExitCode.OK, "written"), new Exit(ExitCode.USAGE, "bad usage, an invalid cluster, or a"
              + " file that cannot be written")),
          "export heat target/seed.yaml"),
      new Verb("help", "help [VERB]   (or: VERB --help, VERB -h)",
          "list the verbs, or say what one does, its options and exit codes",
          "Without a verb: the verbs. With one: what it does, its options, its exit codes and an example. Builds no"
              + " cluster and makes no backend.",
          List.of(),
          List.of(new Exit(ExitCode.OK, "printed"), new Exit(ExitCode.USAGE, "an unknown verb")),
          "help apply"));

  private static final Set<String> FLAGS = Set.of("--help", "-h");
  private static final int WIDTH = 100;
  private static final int OPTION_COLUMN = 28;

  private Help() {}

  /** Whether {@code args} ask for help: {@code --help} or {@code -h} anywhere, or the verb {@code help}. */
  static boolean asked(String... args) {
    return Arrays.stream(args).anyMatch(FLAGS::contains) || (args.length > 0 && args[0].equals("help"));
  }

  /**
   * Prints the help {@code args} ask for: the verb they name, or without one the list. {@code program} is how the
   * user starts the command line, {@code backends} the names {@code --backend} takes.
   */
  static int print(String[] args, String program, List<String> backends, PrintStream out, PrintStream err) {
    Optional<String> named = verbNamed(args);
    if (named.isEmpty()) {
      out.print(list(program, backends));
      return ExitCode.OK;
    }
    Optional<Verb> verb = find(named.get());
    if (verb.isEmpty()) {
      err.println("unknown verb \"" + named.get() + "\"" + dev.stackwright.Closest.hint(named.get(), names())
          + "; " + program + " --help lists the verbs");
      return ExitCode.USAGE;
    }
    out.print(usage(verb.get(), program, backends));
    return ExitCode.OK;
  }

  /** The verb help is asked about: the first word that is not an option, once the help words are set aside. */
  static Optional<String> verbNamed(String... args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    if (!rest.isEmpty() && rest.get(0).equals("help")) {
      rest.remove(0);
    }
    rest.removeIf(FLAGS::contains);
    return rest.isEmpty() || rest.get(0).startsWith("-") ? Optional.empty() : Optional.of(rest.get(0));
  }

  static Optional<Verb> find(String name) {
    return VERBS.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  static List<String> names() {
    return VERBS.stream().map(Verb::name).toList();
  }

  /** The list of verbs, each with its line, then the backends and the exit codes. */
  static String list(String program, List<String> backends) {
    StringBuilder b = new StringBuilder();
    b.append("usage: ").append(program).append(" VERB [OPTIONS]\n");
    b.append(wrap("       ", program + " help VERB   (or VERB --help): what a verb does, its options, its exit"
        + " codes", "         ")).append("\nverbs:\n");
    for (Verb v : VERBS) {
      b.append(column("  " + v.synopsis().split(" \\[-|   ")[0], v.summary()));
    }
    b.append("\n").append(wrap("", "backends (--backend NAME): " + String.join(", ", backends), "  "));
    b.append(wrap("", "exit codes: " + ExitCode.OK + " done; " + ExitCode.FAILED + " some changes failed (run again);"
        + " " + ExitCode.USAGE + " bad usage, an invalid cluster or an unreachable backend; " + ExitCode.ABORTED
        + " not confirmed; " + ExitCode.CHANGES_PENDING + " plan --detailed-exitcode has changes", "  "));
    return b.toString();
  }

  /** One verb's usage: synopsis, what it does, options, exit codes, example. */
  static String usage(Verb verb, String program, List<String> backends) {
    StringBuilder b = new StringBuilder();
    b.append(wrap("usage: ", program + " " + verb.synopsis(), "         ")).append("\n");
    b.append(wrap("", verb.description(), "")).append("\n");
    if (verb.options().isEmpty()) {
      b.append("options: none\n");
    } else {
      b.append("options:\n");
      verb.options().forEach(o -> b.append(column("  " + o.usage(),
          o.text().replace("{backends}", String.join(", ", backends)))));
    }
    b.append("\nexit codes:\n");
    verb.exits().forEach(e -> b.append(column("  " + e.code(), e.when())));
    b.append("\nexample:\n  ").append(program).append(" ").append(verb.example()).append("\n");
    return b.toString();
  }

  /** {@code left} padded to the option column, then {@code text} wrapped under that column. */
  private static String column(String left, String text) {
    String pad = " ".repeat(OPTION_COLUMN);
    return left.length() < OPTION_COLUMN ? wrap(left + pad.substring(left.length()), text, pad)
        : left + "\n" + wrap(pad, text, pad);
  }

  /**
   * {@code head}, then the words of {@code text} on lines of at most {@link #WIDTH} characters (a longer word alone on
   * its line), each line after the first starting with {@code indent}.
   */
  static String wrap(String head, String text, String indent) {
    StringBuilder b = new StringBuilder(head);
    int lineStart = 0;
    boolean afterWord = false;
    for (String word : text.split(" ")) {
      if (afterWord && b.length() - lineStart + 1 + word.length() > WIDTH) {
        b.append('\n');
        lineStart = b.length();
        b.append(indent);
        afterWord = false;
      }
      b.append(afterWord ? " " : "").append(word);
      afterWord = true;
    }
    return b.append('\n').toString();
  }
}
