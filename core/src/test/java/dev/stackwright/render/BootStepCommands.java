package dev.stackwright.render;

import dev.stackwright.model.AptSource;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.PackageSources;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.services.BuiltInServices;
import java.util.Map;
import java.util.Optional;

/** Boot step commands as the renderer takes them from the descriptors, for tests that run or read one. */
final class BootStepCommands {
  private BootStepCommands() {}

  /** The database's repository step, on the seed with CouchDB's repository set to {@code repo}. */
  static String couchdbRepository(AptSource repo) {
    Cluster seed = Topologies.seed();
    Cluster cluster = Cluster.builder().from(seed)
        .packageSources(PackageSources.builder().from(seed.packageSources()).couchdbRepository(repo).build()).build();
    Node node = cluster.nodesWith(BuiltInServices.DATABASE).get(0);
    RoleInstance database = node.role(BuiltInServices.DATABASE).orElseThrow();
    Scope scope = new Scope(cluster, cluster.application().orElseThrow(), Optional.of(node), Optional.of(database),
        "", Map.of(), null);
    return BuiltInServices.DATABASE.nodeHooks().stream().flatMap(h -> h.additions(scope).firstSteps().stream())
        .filter(s -> s.name().equals("couchdb-repository")).findFirst().orElseThrow().command();
  }
}
