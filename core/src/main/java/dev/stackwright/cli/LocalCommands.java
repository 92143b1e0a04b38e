package dev.stackwright.cli;

import dev.stackwright.local.LocalPlan;
import dev.stackwright.local.LocalResult;
import dev.stackwright.local.LocalRun;
import dev.stackwright.local.LocalRunException;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import java.io.PrintStream;
import java.util.Map;

/** The verbs of {@code --backend local}: apply, plan (what runs), output and destroy, with their exit codes. */
final class LocalCommands implements Target {
  /** The name {@code --backend} selects the local run by. */
  static final String NAME = "local";

  private final LocalRun local;
  private final Renderer renderer;
  private final PrintStream out;
  private final PrintStream err;

  LocalCommands(LocalRun local, Renderer renderer, PrintStream out, PrintStream err) {
    this.local = local;
    this.renderer = renderer;
    this.out = out;
    this.err = err;
  }

  @Override
  public int run(Options options, Cluster model) {
    switch (options.verb()) {
      case "apply" -> {
        return apply(model);
      }
      case "destroy" -> {
        LocalResult result = local.destroy(model);
        if (result.services().isEmpty()) {
          out.println("Nothing to destroy: no process of cluster " + model.name() + " is recorded in "
              + result.runDir().resolve("pids") + ".");
        } else {
          out.print(result);
        }
        return result.ok() ? ExitCode.OK : ExitCode.FAILED;
      }
      case "plan" -> {
        return plan(options, model);
      }
      case "output" -> {
        return new OutputCommand(out).print(OutputCommand.local(model, local.status(model)), options, Map.of());
      }
      default -> {
        err.println("the local backend runs apply, plan (its status and what an apply would change), output and"
            + " destroy; render and report need no backend");
        return ExitCode.USAGE;
      }
    }
  }

  /**
   * What runs (the status), then what an apply would change, per process with its reason; with
   * {@code --detailed-exitcode}, exit 4 when it would change something.
   */
  private int plan(Options options, Cluster model) {
    if (options.json() || options.diff()) {
      err.println((options.json() ? "--json" : "--diff") + " shows the plan of a cloud (--backend memory, openstack,"
          + " nodes); the local run's plan is its processes, as text: run plan --backend local without it");
      return ExitCode.USAGE;
    }
    LocalResult result = local.status(model);
    if (result.services().isEmpty()) {
      out.println("Nothing runs: no process of cluster " + model.name() + " is recorded in "
          + result.runDir().resolve("pids") + "; apply --backend local starts it.");
    } else {
      out.print(result);
    }
    LocalPlan plan = local.plan(model, renderer.render(model, local.networkFacts(model)));
    out.print(plan);
    return !plan.isEmpty() && options.detailedExitCode() ? ExitCode.CHANGES_PENDING : ExitCode.OK;
  }

  /**
   * Exit 2 when the run stopped before starting anything (a port taken, a program missing: the message lists them);
   * exit 1 when some services started and others failed (they still run until destroy).
   */
  private int apply(Cluster model) {
    try {
      LocalResult result = local.apply(model, renderer.render(model, local.networkFacts(model)));
      out.print(result);
      out.println("everything answers: load balancer " + result.loadBalancerUrl().orElse("(none)")
          + ", controller " + result.controllerUrl().orElse("(none)"));
      return ExitCode.OK;
    } catch (LocalRunException e) {
      if (!e.startedAny()) {
        throw e;
      }
      out.print(e.result());
      err.println(e.reason());
      return ExitCode.FAILED;
    }
  }
}
