package dev.stackwright.engine;

import dev.stackwright.cli.Cli;
import dev.stackwright.memory.Fault;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.memory.InMemoryProvider;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import dev.stackwright.report.AddressPlan;
import dev.stackwright.report.CapacityReport;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's session, run in a process of its own by {@link SecretsAtDebugTest} so that SLF4J starts at DEBUG: the CLI's
 * plan, apply, report and render of the seed with every secret from the environment, then what a program using the
 * engine prints (plans, changes with their specs, observations, results, exception messages and stack traces), then
 * the same with faults injected so that steps fail. Rendered files go to the directory in {@code args[0]}; everything
 * else goes to stdout and stderr, where no secret may appear.
 */
public final class SecretsAtDebugRun {
  private SecretsAtDebugRun() {}

  public static void main(String[] args) {
    Path out = Path.of(args[0]);
    Cluster seed = Topologies.exposed("secrets");

    // the CLI, as a user runs it
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    for (String[] verb : new String[][] {{"plan"}, {"apply", "--yes", "--out", out.resolve("applied").toString()},
        {"plan"}, {"report"}, {"render", out.resolve("rendered").toString()}}) {
      String[] withBackend = java.util.Arrays.copyOf(verb, verb.length + 2);
      withBackend[verb.length] = "--backend";
      withBackend[verb.length + 1] = "memory";
      int code = Cli.builder().cluster(() -> seed).provider(InMemoryProvider.of(cloud)).build().run(withBackend);
      System.out.println("exit code " + code);
    }

    // a program using the engine, printing what it gets back
    Engine engine = Engine.builder().backend(cloud).listener(new Printing()).build();
    Cluster more = Topologies.seed("secrets", 4, w -> { });
    Plan grow = engine.plan(more);
    print(grow.render(), grow, grow.changes(), grow.notes(), grow.drift());
    grow.changes().forEach(c -> print(c.desired(), c.current(), c.reason()));
    print(cloud.observe("secrets"), cloud.observe("secrets").resources());
    ApplyResult grown = engine.apply(more);
    print(grown, grown.summary(), grown.outcomes());
    try {
      engine.apply(seed, grow);
    } catch (RuntimeException e) {
      printThrown(e);
    }
    print(CapacityReport.of(more), AddressPlan.of(more), engine.render(more));

    // failures: a refused create, lost answers, and a renderer refusing an unfit secret
    InMemoryCloud faulty = InMemoryCloud.forCluster(seed);
    faulty.inject(Fault.on(Fault.Kind.UNAVAILABLE, "create", ResourceId.of(ResourceKind.SERVER, "worker-1"), 50));
    faulty.inject(Fault.on(Fault.Kind.LOST_ANSWER, "create", ResourceId.of(ResourceKind.SERVER, "webserver-1"), 1));
    faulty.inject(Fault.on(Fault.Kind.UNAVAILABLE, "create", ResourceId.of(ResourceKind.SERVER, "controller-1"), 50));
    Engine failing = Engine.builder().backend(faulty).listener(new Printing()).build();
    ApplyResult failed = failing.apply(seed);
    print(failed, failed.summary(), failed.failures(), failed.skipped(), failed.plan().render());
    System.out.println("exit code " + Cli.builder().cluster(() -> seed).provider(InMemoryProvider.of(faulty)).build()
        .run("apply", "--yes", "--backend", "memory"));
    Map<SecretName, String> unfit = new LinkedHashMap<>();
    for (SecretName name : SecretName.builtIn()) {
      unfit.put(name, System.getenv(name.environmentVariable()) + "!{unfit}");
    }
    try {
      Renderer.builder().secrets(SecretSource.of(unfit)).build().render(seed);
    } catch (RuntimeException e) {
      printThrown(e);
    }
    System.out.println("done");
  }

  private static void print(Object... things) {
    for (Object t : things) {
      System.out.println(t);
    }
  }

  private static void printThrown(Throwable e) {
    System.out.println(e.getMessage());
    e.printStackTrace(System.out);
  }

  /** What a user's listener prints: every step, with the error of a failed one. */
  private static final class Printing implements ExecutionListener {
    @Override
    public void started(Step step) {
      System.out.println("started " + step + " " + step.change());
    }

    @Override
    public void failed(Step step, Duration elapsed, Exception error) {
      System.out.println("failed " + step + ": " + error);
      error.printStackTrace(System.out);
    }

    @Override
    public void skipped(Step step, String reason) {
      System.out.println("skipped " + step + ": " + reason);
    }
  }
}
