package dev.stackwright.cli;

import dev.stackwright.engine.ApplyResult;
import dev.stackwright.spi.Backend;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.StackwrightException;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The verbs on a backend: plan, apply and destroy through the engine, asking before a change unless {@code --yes}. */
final class BackendCommands implements Target {
  private final Backend backend;
  private final Optional<Renderer> renderer;
  private final Consumer<Engine.Builder> settings;
  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Path stateDirectory;

  BackendCommands(Backend backend, Optional<Renderer> renderer, Consumer<Engine.Builder> settings,
      Map<String, String> environment, PrintStream out, PrintStream err, InputStream in, Path stateDirectory) {
    this.backend = backend;
    this.renderer = renderer;
    this.settings = settings;
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.in = in;
    this.stateDirectory = stateDirectory;
  }

  @Override
  public int run(Options options, Cluster model) {
    try {
      return runVerb(options, model);
    } finally {
      if (backend instanceof InMemoryCloud cloud) {
        cloud.close(); // a kept cloud's file, for the next run
      }
    }
  }

  private int runVerb(Options options, Cluster model) {
    Engine.Builder eb = Engine.builder().backend(backend).listener(new ProgressPrinter(out));
    renderer.ifPresent(eb::renderer);
    try {
      // the command line's defaults, then the program's settings, then the options given, which win
      PublicKeys keys = new PublicKeys(environment, err);
      if (options.publicKey().isEmpty()) {
        keys.byDefault().ifPresent(eb::publicKey);
      }
      settings.accept(eb);
      eb.backend(backend);
      options.parallelism().ifPresent(eb::parallelism);
      options.serverGroupPolicy().ifPresent(eb::serverGroupPolicy);
      if (options.allowDataLoss()) {
        eb.allowDataLoss(true);
      }
      options.publicKey().map(PublicKeys::from).ifPresent(eb::publicKey);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE;
    }
    Engine engine = eb.build();
    if (!options.json()) { // --json prints the JSON alone, which names the backend
      out.println("backend: " + backend.name());
    }
    return switch (options.verb()) {
      case "output" -> new OutputCommand(out).print(engine.outputs(model), options, environment);
      case "plan" -> plan(engine, model, options);
      case "apply" -> apply(engine, model, options);
      case "destroy" -> destroy(engine, model, options);
      default -> throw new IllegalStateException(options.verb());
    };
  }

  private int plan(Engine engine, Cluster model, Options options) {
    Plan plan = engine.plan(model);
    AppliedFiles kept = new AppliedFiles(stateDirectory, model.name());
    if (options.json()) {
      // lines of a changed file are known only from its previous content, kept here at the last apply
      boolean countable = plan.fileChanges().stream().anyMatch(f -> f.status().equals("changed") && !f.secret());
      out.print((countable ? plan.withFileChanges(PlanDiff.of(plan, engine.render(model), kept).counted()) : plan)
          .toJson());
    } else {
      out.print(plan.render());
      if (options.diff()) {
        out.print(PlanDiff.of(plan, engine.render(model), kept).text());
      }
    }
    return options.detailedExitCode() && plan.pending() ? ExitCode.CHANGES_PENDING : ExitCode.OK;
  }

  private int apply(Engine engine, Cluster model, Options options) {
    Plan plan = engine.plan(model);
    out.print(plan.render());
    if (plan.isEmpty()) {
      out.println("Nothing to do: the cloud matches the model.");
      return new OutputCommand(out).print(engine.outputs(model), options, environment);
    }
    if (!options.yes() && !confirm("apply", plan)) {
      return ExitCode.ABORTED;
    }
    ApplyResult result = options.yes() ? Settling.apply(engine, model, plan, out) : engine.apply(model, plan);
    out.println(result.summary());
    List<String> reports = engine.backend().serverReports(model.name());
    if (!reports.isEmpty()) {
      out.println("The servers, as they are inside:");
      reports.forEach(r -> out.println("  " + r));
    }
    if (result.succeeded()) {
      Path dir = options.out().orElse(Path.of("target", "stackwright", model.name()));
      RenderedCluster files = engine.render(model);
      files.writeTo(dir);
      out.println("Rendered files of every node: " + dir.toAbsolutePath());
      keep(() -> new AppliedFiles(stateDirectory, model.name()).keep(files, engine.backend().observe(model.name())));
      if (backend instanceof InMemoryCloud cloud && cloud.stateFile().isPresent()) {
        out.println("(The " + backend.name() + " backend keeps its cloud in " + cloud.stateFile().get()
            + ": the next run's plan, output and destroy see what this one made; delete that file to start from an"
            + " empty cloud.)");
      } else if (engine.backend().capabilities().ephemeral()) {
        out.println("(The " + engine.backend().name() + " backend lives in this process: what it made is gone when"
            + " the process ends.)");
      }
    } else {
      // the nodes changed before the failure have new files: keep what each node has now, as the cloud records it
      keep(() -> new AppliedFiles(stateDirectory, model.name()).keep(engine.render(model),
          engine.backend().observe(model.name())));
    }
    result.outputs().ifPresent(o -> new OutputCommand(out).print(o, options, environment));
    return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
  }

  private int destroy(Engine engine, Cluster model, Options options) {
    Plan plan = engine.destroyPlan(model.name());
    out.print(plan.render());
    if (plan.isEmpty()) {
      out.println("Nothing to destroy: no resource carries cluster " + model.name() + "'s marker.");
      return ExitCode.OK;
    }
    if (!options.yes() && !confirm("destroy", plan)) {
      return ExitCode.ABORTED;
    }
    ApplyResult result = engine.destroy(model.name());
    out.println(result.summary());
    if (result.succeeded()) {
      keep(() -> new AppliedFiles(stateDirectory, model.name()).forgetAll());
    }
    return result.succeeded() ? ExitCode.OK : ExitCode.FAILED;
  }

  /** Keeps or forgets the applied files; a failure there is said, and does not undo what the cloud did. */
  private void keep(Runnable change) {
    try {
      change.run();
    } catch (StackwrightException e) {
      err.println("note: " + e.getMessage() + " (plan --diff will say the previous contents are not known)");
    }
  }

  private boolean confirm(String verb, Plan plan) {
    out.print("Do you want to " + verb + " these changes" + (plan.destroysData() ? " (some DESTROY DATA)" : "")
        + "? Only 'yes' is accepted: ");
    out.flush();
    try {
      String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (answer == null) {
        out.println();
        err.println("No answer (no terminal on stdin): nothing was changed. Pass --yes to " + verb
            + " without asking.");
        return false;
      }
      if (!answer.strip().equals("yes")) {
        err.println(verb + " cancelled: nothing was changed.");
        return false;
      }
      return true;
    } catch (IOException e) {
      err.println("could not read the answer: " + e.getMessage() + "; nothing was changed");
      return false;
    }
  }
}
