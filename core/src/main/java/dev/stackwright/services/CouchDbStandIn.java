package dev.stackwright.services;

import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.local.LocalRunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database's local run: pouchdb-server, a stand-in that speaks CouchDB's HTTP API (CouchDB is not packaged for
 * Debian 12), configured from the rendered local.ini. Its config.json is the one file of a local run not taken from
 * the renderer, since pouchdb-server does not read local.ini.
 */
final class CouchDbStandIn {
  private static final String KIND = "couchdb-standin";

  private CouchDbStandIn() {}

  static List<LocalProcess> processes(LocalNode node) {
    LocalProcess.Builder b = LocalProcess.builder(KIND, node).name("couchdb@" + node.name())
        .installHint("run 'bash core/src/test/local/install-pouchdb.sh', or name the pouchdb-server executable with"
            + " LocalRun.builder().pouchdbServer(...)");
    Optional<Path> server = node.program("pouchdb-server");
    if (server.isEmpty()) {
      return List.of(b.problem("pouchdb-server, the CouchDB API stand-in, is not installed: run 'bash"
          + " core/src/test/local/install-pouchdb.sh' (CouchDB itself is not packaged for Debian 12)").build());
    }
    Optional<LocalFile> ini = node.files().stream().filter(f -> f.fileName().equals("local.ini")).findFirst();
    Map<String, Map<String, String>> sections = ini.map(f -> ConfigText.ini(f.content())).orElse(Map.of());
    Map<String, String> chttpd = sections.getOrDefault("chttpd", sections.getOrDefault("httpd", Map.of()));
    String bind = chttpd.getOrDefault("bind_address", node.address());
    int port = Integer.parseInt(chttpd.getOrDefault("port", "5984"));
    if (!bind.startsWith("127.")) {
      return List.of(b.problem("local.ini binds " + bind + ", which is every address of this machine; bind the"
          + " database role's own address").build());
    }
    String dataDir = sections.getOrDefault("couchdb", Map.of()).getOrDefault("database_dir",
        node.path("/var/lib/couchdb").toString());
    Path standIn = node.root().resolve("stand-in");
    Path configFile = writeConfig(node, standIn, config(sections, standIn, bind, port, dataDir), dataDir);
    List<String> cmd = List.of(server.get().toString(), "-o", bind, "-p", String.valueOf(port), "-d", dataDir, "-c",
        configFile.toString(), "-n");
    return List.of(b.command(cmd).workingDirectory(standIn).environment(node.environment()).endpoint(bind, port)
        .note("pouchdb-server stand-in for CouchDB (CouchDB HTTP API; reads "
            + (ini.isPresent() ? "bind address, port and admins from local.ini" : "no local.ini: none rendered")
            + ")").build());
  }

  private static Map<String, Object> config(Map<String, Map<String, String>> sections, Path standIn, String bind,
      int port, String dataDir) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("httpd", Map.of("bind_address", bind, "port", String.valueOf(port)));
    config.put("couchdb", Map.of("database_dir", dataDir));
    config.put("log", Map.of("file", standIn.resolve("pouchdb-server.log").toString()));
    Map<String, String> admins = sections.getOrDefault("admins", Map.of());
    if (!admins.isEmpty()) {
      config.put("admins", admins);
    }
    return config;
  }

  /** Writes pouchdb-server's config.json when it differs; where it is. */
  private static Path writeConfig(LocalNode node, Path standIn, Map<String, Object> config, String dataDir) {
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
          + " LocalRun.builder().runDir(...)", node.runDir());
    }
    return configFile;
  }
}
