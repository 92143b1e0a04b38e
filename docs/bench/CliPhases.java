import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.examples.SeedCluster;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.spi.BackendProvider;
import java.lang.management.ManagementFactory;
import java.util.ServiceLoader;

/**
 * Where the seed's first plan spends its time in a fresh JVM, phase by phase, as the command line runs it: the JVM
 * until main, the model, the backend providers' look at the environment, the in-memory cloud, the renderer, the
 * plan (which renders every node), and the plan's text. Prints one line of {@code phase=milliseconds}; run by
 * {@code bash docs/bench/cli-speed.sh phases}, which takes the medians. Not a test.
 */
public final class CliPhases {
  private static long last;

  private CliPhases() {}

  public static void main(String[] args) {
    StringBuilder line = new StringBuilder();
    long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    line.append("jvm-to-main=").append(sinceStart);
    last = System.nanoTime();
    Cluster cluster = SeedCluster.build();
    phase(line, "model");
    ServiceLoader.load(BackendProvider.class).forEach(p -> p.fromEnvironment(System.getenv()));
    phase(line, "providers");
    InMemoryCloud cloud = InMemoryCloud.forCluster(cluster);
    phase(line, "cloud");
    Renderer renderer = Renderer.builder().build();
    phase(line, "renderer");
    Plan plan = Engine.builder().backend(cloud).renderer(renderer).build().plan(cluster);
    phase(line, "plan");
    String text = plan.render();
    phase(line, "text");
    System.out.println(line);
    System.err.println(text.lines().reduce((a, b) -> b).orElse(""));
  }

  private static void phase(StringBuilder line, String name) {
    long now = System.nanoTime();
    line.append(' ').append(name).append('=').append((now - last) / 1_000_000);
    last = now;
  }
}
