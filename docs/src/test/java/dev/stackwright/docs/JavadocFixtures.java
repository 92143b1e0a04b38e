package dev.stackwright.docs;

import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.examples.SeedCluster;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretSource;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.spi.RuleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The variables a javadoc example may use, made afresh for each: {@code cluster} (the seed), {@code renderer} (its
 * secrets {@code SecretSource.forTests()}), {@code engine} (on an empty in-memory cloud), {@code plan} (the seed's
 * first plan), {@code rendered} (its files) and {@code dayTwo} (the seed applied, then planned with one more file on
 * the workers, {@code /etc/motd}, and a node exporter rule on their group).
 */
record JavadocFixtures(Cluster cluster, Renderer renderer, Engine engine, Plan plan, RenderedCluster rendered,
    Plan dayTwo) {
  static final String PARAMETERS = "Cluster cluster, Renderer renderer, Engine engine, Plan plan,"
      + " RenderedCluster rendered, Plan dayTwo";
  static final Class<?>[] TYPES = {Cluster.class, Renderer.class, Engine.class, Plan.class, RenderedCluster.class,
      Plan.class};

  static JavadocFixtures forTheSeed() {
    Cluster seed = SeedCluster.build();
    Renderer renderer = Renderer.builder().secrets(SecretSource.forTests()).build();
    Engine engine = Engine.builder().backend(InMemoryCloud.forCluster(seed)).renderer(renderer).build();
    return new JavadocFixtures(seed, renderer, engine, engine.plan(seed), renderer.render(seed),
        dayTwo(seed, renderer));
  }

  private static Plan dayTwo(Cluster seed, Renderer renderer) {
    InMemoryCloud cloud = InMemoryCloud.forCluster(seed);
    Engine.builder().backend(cloud).renderer(renderer).build().apply(seed);
    try {
      Path templates = Files.createTempDirectory("motd");
      Files.writeString(templates.resolve("motd.jinja"), "Welcome to {{ node.name }}.\n");
      Renderer withMotd = Renderer.builder().secrets(SecretSource.forTests()).templateDirectory(templates)
          .addFile("worker", "/etc/motd", "motd.jinja").build();
      return Engine.builder().backend(cloud).renderer(withMotd)
          .rule(BuiltInServices.WORKER, RuleSpec.tcpFrom(9100, "192.0.2.0/24", "node exporter")).build().plan(seed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Object[] arguments() {
    return new Object[] {cluster, renderer, engine, plan, rendered, dayTwo};
  }
}
