package dev.stackwright.local.internal;

import dev.stackwright.local.internal.ConfigText.Endpoint;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.stackwright.local.LocalRunException;
/**
 * The database role's process: pouchdb-server, a stand-in that speaks CouchDB's HTTP API (CouchDB is not packaged for
 * Debian 12), configured from the rendered local.ini.
 */
final class DatabaseSpecs {
  private final LocalPlanner p;

  DatabaseSpecs(LocalPlanner planner) {
    this.p = planner;
  }

  ServiceSpec couchdbStandIn(Node node) {
    RoleInstance db = node.role(BuiltInServices.DATABASE).orElseThrow();
    String name = "couchdb@" + node.name();
    Optional<Path> server = p.options.pouchdbServer();
    if (server.isEmpty()) {
      return p.failedSpec(name, node, "couchdb-standin", "pouchdb-server, the CouchDB API stand-in, is not installed: "
          + "run 'bash core/src/test/local/install-pouchdb.sh' (CouchDB itself is not packaged for Debian 12)");
    }
    Optional<NodeFile> ini = p.filesNamed(node, f -> f.fileName().equals("local.ini")).stream().findFirst();
    Map<String, Map<String, String>> sections = ini.map(f -> ConfigText.ini(f.content())).orElse(Map.of());
    Map<String, String> chttpd = sections.getOrDefault("chttpd", sections.getOrDefault("httpd", Map.of()));
    String bind = chttpd.getOrDefault("bind_address", p.ip(db));
    int port = Integer.parseInt(chttpd.getOrDefault("port", "5984"));
    if (!bind.startsWith("127.")) {
      return p.failedSpec(name, node, "couchdb-standin", "local.ini binds " + bind
          + ", which is every address of this machine; bind the database role's own address");
    }
    String dataDir = sections.getOrDefault("couchdb", Map.of()).getOrDefault("database_dir",
        p.mapping.path(node.name(), "/var/lib/couchdb").toString());
    Path standIn = p.mapping.nodeRoot(node.name()).resolve("stand-in");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("httpd", Map.of("bind_address", bind, "port", String.valueOf(port)));
    config.put("couchdb", Map.of("database_dir", dataDir));
    config.put("log", Map.of("file", standIn.resolve("pouchdb-server.log").toString()));
    Map<String, String> admins = sections.getOrDefault("admins", Map.of());
    if (!admins.isEmpty()) {
      config.put("admins", admins);
    }
    Path configFile = standIn.resolve("config.json");
    try {
      Files.createDirectories(standIn);
      Files.createDirectories(Path.of(dataDir));
      String json = Json.write(config);
      if (!Files.exists(configFile) || !Files.readString(configFile).equals(json)) {
        Files.writeString(configFile, json);
      }
    } catch (IOException e) {
      throw new LocalRunException("cannot write " + configFile + " (" + e.getMessage() + "), the stand-in's config;"
          + " fix: make " + standIn + " a directory you can write, or choose another run directory with"
          + " LocalRun.builder().runDir(...)", p.mapping.runDir());
    }
    List<String> cmd = List.of(server.get().toString(), "-o", bind, "-p", String.valueOf(port), "-d", dataDir, "-c",
        configFile.toString(), "-n");
    return new ServiceSpec(name, node.name(), "couchdb-standin", cmd, standIn, p.baseEnv(node),
        List.of(new Endpoint(bind, port)), Optional.empty(), "", 1, Optional.empty(),
        "pouchdb-server stand-in for CouchDB (CouchDB HTTP API; reads "
            + (ini.isPresent() ? "bind address, port and admins from local.ini" : "no local.ini: none rendered")
            + ")");
  }
}
