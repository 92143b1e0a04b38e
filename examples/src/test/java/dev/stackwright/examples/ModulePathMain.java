package dev.stackwright.examples;

import dev.stackwright.Stackwright;
import dev.stackwright.spi.BackendProvider;
import java.util.ServiceLoader;

/**
 * The seed's command line, run by {@link ModulePathTest} with stackwright on the module path. It first prints the
 * module that holds core ({@code module dev.stackwright.core}) and each backend provider that the named modules
 * provide ({@code provider dev.stackwright.nodes/dev.stackwright.nodes.NodesProvider}), then runs the command.
 */
final class ModulePathMain {
  private ModulePathMain() {}

  public static void main(String[] args) {
    System.out.println("module " + Stackwright.class.getModule().getName());
    // the boot layer's providers only: those declared by `provides` in a module-info, not by META-INF/services
    ServiceLoader.load(ModuleLayer.boot(), BackendProvider.class).stream()
        .forEach(p -> System.out.println("provider " + p.type().getModule().getName() + "/" + p.type().getName()));
    SeedCluster.main(args);
  }
}
