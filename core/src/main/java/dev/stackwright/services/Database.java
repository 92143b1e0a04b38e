package dev.stackwright.services;

import static dev.stackwright.render.internal.Shell.quote;

import dev.stackwright.model.AptSource;
import dev.stackwright.model.BootStep;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePart;
import dev.stackwright.model.ServicePort;
import dev.stackwright.model.ServiceScope;
import dev.stackwright.render.internal.Digests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CouchDB: the application's documents and the workers' task results. It is not in Debian: the files are written as
 * root first (their owner does not exist yet), the package comes from CouchDB's own repository and keeps them
 * (--force-confold), then they are handed to couchdb.
 */
final class Database {
  static final String KEYRING = "/usr/share/keyrings/couchdb-archive-keyring.gpg";

  static final Service SERVICE = Service.builder("database")
      .title("database server")
      .holdsData(true)
      .port(Ports.COUCHDB)
      .openTo("appserver", "couchdb", "the app reads and writes CouchDB")
      .openTo("worker", "couchdb", "workers store task results")
      .addSecrets("couchdb_admin_password", "couchdb_cookie")
      .addUsers("couchdb")
      .packages("curl", "gnupg", "ca-certificates")
      .secretFile("couchdb/local.ini.jinja", "/opt/couchdb/etc/local.ini", "root:root", OnChange.restart("couchdb"))
      .secretFile("couchdb/vm.args.jinja", "/opt/couchdb/etc/vm.args", "root:root", OnChange.restart("couchdb"))
      .addNodeHooks(scope -> ServicePart.builder("couchdb-repository").addFirstSteps(BootStep.of(
          "couchdb-repository", repository(scope.cluster().packageSources().couchdbRepository()))).build())
      .bootStep("couchdb-install", "echo 'couchdb couchdb/mode select none' | debconf-set-selections && "
          + "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
          + "-o Dpkg::Options::=--force-confold couchdb")
      .bootStep("couchdb", "chown couchdb:couchdb /opt/couchdb/etc/local.ini /opt/couchdb/etc/vm.args && "
          + "systemctl enable couchdb && systemctl restart couchdb")
      .addTemplateValues(Database::values)
      .health(HealthCheck.http("couchdb", "/_up"))
      .localRun(CouchDbStandIn::processes)
      .build();

  /** epmd and the distribution ports vm.args.jinja gives the CouchDB nodes: held on the node, open to no one. */
  static final List<ServicePort> HELD = Ports.erlang("couchdb", 9100, 9200);

  private Database() {}

  /**
   * The step that adds CouchDB's repository, all or nothing: the key is fetched to a temporary file, checked,
   * dearmored and moved into place, and only then is the list written (also by a move), so a failed fetch leaves
   * neither an empty keyring nor a list that every later {@code apt-get update} would trip over.
   */
  public static String repository(AptSource repo) {
    String list = "/etc/apt/sources.list.d/couchdb.list";
    String entry = "deb [" + (repo.unsigned() ? "trusted=yes" : "signed-by=" + KEYRING) + "] " + repo.line();
    String writeList = "echo " + quote(entry) + " > " + list + ".new && mv " + list + ".new " + list;
    if (repo.keyUrl().isEmpty()) {
      return writeList;
    }
    return "tmp=$(mktemp -d) && trap 'rm -rf \"$tmp\"' EXIT && curl -fsSL --retry 3 -o \"$tmp/key.asc\" "
        + quote(repo.keyUrl().get()) + " && test -s \"$tmp/key.asc\" && gpg --batch --homedir \"$tmp\" --dearmor "
        + "-o \"$tmp/key.gpg\" \"$tmp/key.asc\" && test -s \"$tmp/key.gpg\" && install -m 0644 \"$tmp/key.gpg\" "
        + KEYRING + ".new && mv " + KEYRING + ".new " + KEYRING + " && " + writeList;
  }

  /** The CouchDB URLs (every node, tried in order), the cluster's layout, its shared uuid and auth secret. */
  private static Map<String, Object> values(ServiceScope scope) {
    List<RoleInstance> nodes = scope.cluster().instances(SERVICE);
    String admin = BuiltInServices.ADMIN_USER;
    Map<String, Object> derived = new LinkedHashMap<>();
    scope.secret("couchdb_cookie").ifPresent(cookie -> derived.put("couchdb_auth_secret",
        scope.secretValue(Digests.hmacHex(cookie, "stackwright couchdb chttpd_auth secret"))));
    // The same on every CouchDB node of the cluster, as a cluster needs; stable across runs.
    derived.put("couchdb_uuid", Digests.sha256Hex("stackwright couchdb uuid " + scope.cluster().name())
        .substring(0, 32));
    List<String> urls = new ArrayList<>();
    List<String> seeds = new ArrayList<>();
    String password = scope.secret("couchdb_admin_password").orElse("");
    for (RoleInstance d : nodes) {
      urls.add(scope.secretValue("http://" + admin + ":" + password + "@" + d.address() + ":"
          + Ports.COUCHDB.number()));
      seeds.add("couchdb@" + d.address());
    }
    Map<String, Object> couchdb = new LinkedHashMap<>();
    couchdb.put("single_node", nodes.size() <= 1);
    // CouchDB's defaults are n = 3 copies of each shard and q = 2 shards; fewer nodes than 3 hold fewer copies.
    couchdb.put("n", Math.max(1, Math.min(3, nodes.size())));
    couchdb.put("q", 2);
    couchdb.put("nodes", seeds);
    return Map.of("derived", derived, "urls", Map.of("couchdb", urls), "couchdb", couchdb,
        "users", Map.of("couchdb_admin", admin), "paths", Map.of("couchdb_etc", "/opt/couchdb/etc"));
  }
}
