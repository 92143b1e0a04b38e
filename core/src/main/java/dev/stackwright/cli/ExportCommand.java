package dev.stackwright.cli;

import dev.stackwright.StackwrightException;
import dev.stackwright.export.HeatTemplate;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code export heat FILE}: the cluster as a Heat Orchestration Template. Like {@code render}, it makes no backend and
 * contacts no cloud, even when {@code OS_*} name one.
 */
final class ExportCommand {
  static final String VERB = "export";
  private static final Set<String> KINDS = Set.of("heat");

  /** The verb's help, for {@code --help}. */
  /** What a usage error prints after its message; {@code --help export} says more. */
  static final String USAGE = "usage: export heat FILE [--server-group-policy anti-affinity|soft-anti-affinity]"
      + " (export --help says more)";

  private final Renderer renderer;
  private final PrintStream out;
  private final PrintStream err;

  ExportCommand(Renderer renderer, PrintStream out, PrintStream err) {
    this.renderer = renderer;
    this.out = out;
    this.err = err;
  }

  /** Runs {@code export KIND FILE [options]} ({@code args} with the verb first); returns the exit code. */
  int run(String[] args, Supplier<Cluster> cluster) {
    Request request;
    try {
      request = Request.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return ExitCode.USAGE;
    }
    try {
      Cluster model = cluster.get();
      HeatTemplate template = HeatTemplate.of(model, renderer, request.serverGroupPolicy());
      template.writeTo(request.file());
      report(model, template, request.file());
      return ExitCode.OK;
    } catch (StackwrightException e) { // an invalid cluster, a render that failed, a file that cannot be written
      err.println(e.getMessage());
      return ExitCode.USAGE;
    }
  }

  private void report(Cluster model, HeatTemplate template, Path file) {
    out.println("wrote " + file.toAbsolutePath() + " (mode 0600): the Heat template of cluster " + model.name() + ", "
        + template.resourceCount() + " resources for " + model.nodes().size() + " servers");
    out.println("parameters: " + template.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + e.getValue().map(v -> " (default " + v + ")").orElse(" (required)"))
        .collect(Collectors.joining(", ")));
    out.println("its servers' user_data holds the cluster's secrets, as apply's does: keep the file private");
    out.println("rendered before any port exists, as render does: the controller's DHCP leases are pending");
    out.println("create the stack: openstack stack create --template " + file + " --parameter key_name=KEY "
        + model.name());
  }

  /** The command line of {@code export}, parsed. */
  private record Request(Path file, String serverGroupPolicy) {
    static Request parse(String[] args) {
      if (args.length < 2 || args[1].startsWith("-")) {
        throw new IllegalArgumentException("export needs a kind and a file: export heat FILE");
      }
      if (!KINDS.contains(args[1])) {
        throw new IllegalArgumentException("export knows no kind \"" + args[1] + "\"; it writes "
            + String.join(", ", KINDS) + ": export heat FILE" + dev.stackwright.Closest.hint(args[1], KINDS));
      }
      Optional<Path> file = Optional.empty();
      String policy = "anti-affinity";
      for (int i = 2; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--server-group-policy")) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--server-group-policy needs a value");
          }
          policy = args[++i];
          if (!policy.equals("anti-affinity") && !policy.equals("soft-anti-affinity")) {
            throw new IllegalArgumentException("--server-group-policy takes anti-affinity or soft-anti-affinity, not"
                + " \"" + policy + "\"");
          }
        } else if (a.startsWith("-") || file.isPresent()) {
          throw new IllegalArgumentException("unexpected \"" + a + "\" after export " + args[1]);
        } else {
          file = Optional.of(Path.of(a));
        }
      }
      return new Request(file.orElseThrow(() -> new IllegalArgumentException(
          "export " + args[1] + " needs the file to write: export " + args[1] + " FILE")), policy);
    }
  }
}
