package dev.stackwright.dsl;

import static dev.stackwright.dsl.Corpus.bad;
import static dev.stackwright.dsl.Corpus.pool;
import static dev.stackwright.dsl.Corpus.seed;
import static dev.stackwright.dsl.Corpus.seedWithWorkers;
import static dev.stackwright.dsl.Corpus.withApplication;

import dev.stackwright.dsl.Corpus.Case;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.List;

/** The corpus's names: hostile characters, nulls, duplicates and names that are already someone else's. */
final class CorpusNames {
  private CorpusNames() {}

  private static final String NAME_FIX = "use lower-case letters, digits, '-' and '_'";
  private static final String LABEL_FIX = "start with a lower-case letter";
  private static final String LONG = "w".repeat(300);
  private static final String ACCOUNT_FIX = "name the application for itself, such as \"demo\"";

  static final List<Case> CASES = List.of(
      // ---- hostile names ----
      bad("role name with a newline", seed(c -> c.role("work\ner").kind(BuiltInServices.WORKER).subnet("10.0.101")
          .flavor("hpc")), "role[work\ner]", "work\ner", NAME_FIX),
      bad("role name that forges a second problem line", seed(c -> c.role("w\n  [cluster.name] fine; fix: none")
          .kind(BuiltInServices.WORKER).subnet("10.0.101").flavor("hpc")), "role[w\n  [cluster.name] fine; fix: none]",
          "fine", NAME_FIX),
      bad("flavour name with a double quote", seed(c -> c.flavor("hp\"c").vcpus(2).ramGb(8)), "flavor[hp\"c]",
          "hp\"c", "remove it"),
      bad("host name with a semicolon", seed(c -> c.host("all;rm -rf").flavor("hpc").carries("worker")),
          "host[all;rm -rf]", "all;rm -rf", NAME_FIX),
      bad("role name with a brace", seed(c -> c.role("worker{").kind(BuiltInServices.WORKER).subnet("10.0.101")
          .flavor("hpc")), "role[worker{]", "worker{", NAME_FIX),
      bad("role name with ../", seed(c -> c.role("../etc").kind(BuiltInServices.WORKER).subnet("10.0.101").flavor("hpc")),
          "role[../etc]", "../etc", LABEL_FIX),
      bad("cluster name with a newline", () -> Topologies.seedDsl("seed\nrm"), "cluster.name", "seed\nrm",
          NAME_FIX),
      bad("role name of 300 characters", seed(c -> c.role(LONG).kind(BuiltInServices.WORKER).subnet("10.0.101")
          .flavor("hpc")), "role[" + LONG + "]", LONG, "at most 50 characters"),
      bad("role name in capitals (not a DNS label)", seed(c -> c.role("Worker").kind(BuiltInServices.WORKER)
          .subnet("10.0.101").flavor("hpc")), "role[Worker]", "Worker", LABEL_FIX),
      bad("host name ending in '-'", seed(c -> c.host("pool-").flavor("hpc").carries("worker")), "host[pool-]",
          "pool-", LABEL_FIX),
      bad("role name with a non-ASCII letter", seed(c -> c.role("wörker").kind(BuiltInServices.WORKER).subnet("10.0.101")
          .flavor("hpc")), "role[wörker]", "wörker", LABEL_FIX),
      bad("empty role name", seed(c -> c.role("").kind(BuiltInServices.WORKER).subnet("10.0.101").flavor("hpc")),
          "role[]", null, "give it a name such as \"worker\""),
      // ---- names that are someone else's ----
      bad("a role named localhost, which /etc/hosts would send to its address", seed(c -> c.role("localhost")
          .kind(BuiltInServices.WORKER).subnet("10.0.101").flavor("hpc")), "role[localhost]", "localhost",
          "such as \"worker2\""),
      bad("a host named localhost", seed(c -> c.host("localhost").flavor("hpc").carries("worker")),
          "host[localhost]", "localhost", "rename it"),
      bad("an application named root", withApplication("root", a -> { }), "application[root]", "root", ACCOUNT_FIX),
      bad("an application named www-data (nginx's account)", withApplication("www-data", a -> { }),
          "application[www-data]", "www-data", ACCOUNT_FIX),
      bad("an application named rabbitmq (the broker's account)", withApplication("rabbitmq", a -> { }),
          "application[rabbitmq]", "rabbitmq", ACCOUNT_FIX),
      bad("an application named couchdb (the database's account)", withApplication("couchdb", a -> { }),
          "application[couchdb]", "couchdb", ACCOUNT_FIX),
      bad("an application named admin (the built-in admin user)", withApplication("admin", a -> { }),
          "application[admin]", "admin", ACCOUNT_FIX),
      bad("an application named nobody", withApplication("nobody", a -> { }), "application[nobody]", "nobody",
          ACCOUNT_FIX),
      bad("an application named sudo (a group with powers)", withApplication("sudo", a -> { }), "application[sudo]",
          "sudo", ACCOUNT_FIX),
      bad("an application named debian (the image's login user)", withApplication("debian", a -> { }),
          "application[debian]", "debian", ACCOUNT_FIX),
      bad("an application name longer than a Unix user name", withApplication("d".repeat(33), a -> { }),
          "application[" + "d".repeat(33) + "]", "d".repeat(33), "at most 32 characters"),
      // ---- duplicate names ----
      bad("a role declared twice", seed(c -> c.role("database").subnet("10.0.21")), "role[database]", null,
          "declare each role once"),
      bad("a flavour declared twice", seed(c -> c.flavor("hpc").vcpus(4).ramGb(8)), "flavor[hpc]", null,
          "declare each flavour once"),
      bad("a host named like a role it does not carry", seed(c -> {
        c.role("worker").subnet("10.0.100");
        c.role("gpu").kind(BuiltInServices.WORKER).subnet("10.0.101");
        c.host("pool").flavor("hpc").carries("worker");
        c.host("worker").flavor("hpc").carries("gpu");
      }), "host[worker]", "worker", "rename the host"),
      bad("two hosts whose VMs get one host name", seed(c -> {
        c.role("worker").subnet("10.0.100");
        c.role("gpu").kind(BuiltInServices.WORKER).subnet("10.0.101");
        c.host("pool_a").flavor("hpc").carries("worker");
        c.host("pool-a").flavor("hpc").carries("gpu");
      }), "host[pool-a]", "pool-a", "rename one of them"),
      bad("a role instance with the host name of another host's VM", seed(c -> {
        c.role("server-all").kind(BuiltInServices.WORKER).subnet("10.0.100");
        c.host("pool").flavor("hpc").carries("server-all");
      }), "role[server-all]", "server-all", "rename"),
      // ---- nulls ----
      bad("a null cluster name", () -> Topologies.seedDsl(null), "cluster.name", null, "give it a name"),
      bad("a null role name", seed(c -> c.role(null).kind(BuiltInServices.WORKER).subnet("10.0.101").flavor("hpc")),
          "role[null]", null, "give it a name"),
      bad("a null subnet", seedWithWorkers(w -> w.subnet(null)), "role[worker].subnet", null,
          "call .subnet(\"10.0.N\")"),
      bad("a null flavour on a host", pool(h -> h.flavor(null)), "host[pool].flavor", null, "call .flavor(...)"),
      bad("a null role in carries", seed(c -> c.host("pool").flavor("hpc").carries((String) null)),
          "host[pool].carries", null, "declare it"),
      bad("a null array of carried roles", seed(c -> c.host("pool").flavor("hpc").carries((String[]) null)),
          "host[pool].carries", null, "declare it"),
      bad("a null network", seed(c -> c.network(null)), "cluster.network", null,
          "call cluster.network(\"10.0.0.0/16\")"),
      bad("a null internal network", seed(c -> c.internalNetwork(null)), "cluster.internalNetwork", null,
          "set it"),
      bad("a null application name", withApplication(null, a -> { }), "application[null]", null,
          "give it a name"));
}
