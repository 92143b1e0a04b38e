package dev.stackwright.openstack.bench;

import dev.stackwright.openstack.OpenStackCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/**
 * Method (c) of the speed benchmark, the cloud's own limit: a bare openstack4j program that issues only the creates
 * of the seed with {@code workers} workers (7 security groups and their 22 rules, a keypair, the workers' server
 * group, one port per VM with its fixed addresses, the servers) from 8 threads, then polls until every server is
 * ACTIVE. No observing, planning, rendering, markers or retries; stackwright's timeouts (10 s to connect, 60 s to
 * read). Names as in seed-by-hand.sh, so the same check and the same delete script apply. One session per thread, from one token (openstack4j's session is thread-bound).
 */
final class BareLoop {
  private static final String[] GROUPS = {"controller", "webserver", "appserver", "static", "database", "broker",
      "worker"};
  /** group, protocol, port, remote (a CIDR, or @group): the seed's 22 ingress rules, as in seed-by-hand.sh. */
  private static final String[][] RULES = {
      {"webserver", "tcp", "80", "0.0.0.0/0"}, {"webserver", "tcp", "443", "0.0.0.0/0"},
      {"controller", "tcp", "80", "192.0.2.0/24"}, {"controller", "tcp", "443", "192.0.2.0/24"},
      {"controller", "tcp", "22", "192.0.2.0/24"}, {"controller", "udp", "67", "0.0.0.0/0"},
      {"appserver", "tcp", "8000", "@webserver"}, {"appserver", "tcp", "8000", "@controller"},
      {"static", "tcp", "80", "@webserver"}, {"broker", "tcp", "5672", "@appserver"},
      {"broker", "tcp", "5672", "@worker"}, {"broker", "tcp", "5672", "@controller"},
      {"broker", "tcp", "15672", "@controller"}, {"database", "tcp", "5984", "@appserver"},
      {"database", "tcp", "5984", "@worker"}};
  private static final int THREADS = 8;

  /** The same timeouts as stackwright's (Settings' defaults): openstack4j's own gives up on a busy nova-api. */
  private static final Config CONFIG = Config.newConfig().withConnectionTimeout(10_000).withReadTimeout(60_000);

  private final Token token;
  private final String region;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  BareLoop(OpenStackCredentials c) {
    OSClientV3 os = OSFactory.builderV3().withConfig(CONFIG).endpoint(c.authUrl())
        .credentials(c.username().orElseThrow(), c.password(), Identifier.byName(c.userDomainName().orElse("Default")))
        .scopeToProject(Identifier.byName(c.projectName().orElseThrow()),
            Identifier.byName(c.projectDomainName().orElse("Default")))
        .authenticate();
    this.token = os.getToken();
    this.region = c.regionName().orElse("RegionOne");
  }

  /** A session for the calling thread; Nova at 2.15, which knows soft-anti-affinity. */
  private OSClientV3 os() {
    OSClientV3 os = OSFactory.clientFromToken(token, Facing.PUBLIC, CONFIG).useRegion(region);
    os.headers(Map.of("X-OpenStack-Nova-API-Version", "2.15"));
    return os;
  }

  /**
   * Creates the seed with {@code workers} workers under {@code p}, every /24 moved up by {@code shift} as in
   * seed-by-hand.sh, and returns once every server is ACTIVE.
   */
  void run(String p, int workers, String publicKey, int shift) throws Exception {
    try {
      OSClientV3 os = os();
      String net = os.networking().network().list().stream().filter(n -> n.getName().equals("internal"))
          .findFirst().orElseThrow().getId();
      String subnet = os.networking().subnet().list().stream().filter(s -> s.getName().equals("internal-v4"))
          .findFirst().orElseThrow().getId();
      Map<String, String> flavors = new ConcurrentHashMap<>();
      os.compute().flavors().list().forEach(f -> flavors.put(f.getName(), f.getId()));
      String image = os.imagesV2().list(Map.of("name", "debian-12")).get(0).getId();

      Map<String, String> groups = new ConcurrentHashMap<>();
      List<Callable<Object>> first = new ArrayList<>();
      for (String g : GROUPS) {
        first.add(() -> groups.put(g, os().networking().securitygroup().create(Builders.securityGroup()
            .name(p + "-" + g).build()).getId()));
      }
      first.add(() -> os().compute().keypairs().create(p + "-key", publicKey));
      String[] serverGroup = new String[1];
      first.add(() -> serverGroup[0] = os().compute().serverGroups().create(p + "-worker",
          workers > 4 ? "soft-anti-affinity" : "anti-affinity").getId());
      all(first);

      List<Callable<Object>> rules = new ArrayList<>();
      List<String[]> allRules = new ArrayList<>(List.of(RULES));
      for (String g : GROUPS) {
        allRules.add(new String[] {g, "tcp", "22", "@controller"});
      }
      for (String[] r : allRules) {
        rules.add(() -> {
          var b = Builders.securityGroupRule().securityGroupId(groups.get(r[0])).direction("ingress")
              .ethertype("IPv4").protocol(r[1]).portRangeMin(Integer.parseInt(r[2]))
              .portRangeMax(Integer.parseInt(r[2]));
          b = r[3].startsWith("@") ? b.remoteGroupId(groups.get(r[3].substring(1))) : b.remoteIpPrefix(r[3]);
          return os().networking().securityrule().create(b.build());
        });
      }
      // name, flavour, groups, addresses
      List<String[]> vms = new ArrayList<>();
      String n = "10.0.";
      int k = shift;
      vms.add(new String[] {"controller-1", "controller", "controller", n + k + ".1", "port." + k + ".01"});
      vms.add(new String[] {"webserver-1", "webserver", "webserver", n + (10 + k) + ".3", "port." + (10 + k) + ".01"});
      vms.add(new String[] {"server_all-1", "server_all", "appserver static broker database", n + (11 + k) + ".1 "
          + n + (12 + k) + ".1 " + n + (30 + k) + ".1 " + n + (20 + k) + ".1", "port." + (11 + k) + ".01"});
      for (int i = 1; i <= workers; i++) {
        vms.add(new String[] {"worker-" + i, "hpc", "worker", n + (100 + k) + "." + i,
            String.format("port.%d.%02d", 100 + k, i)});
      }
      Map<String, String> ports = new ConcurrentHashMap<>();
      List<Callable<Object>> portCreates = new ArrayList<>();
      for (String[] vm : vms) {
        portCreates.add(() -> {
          var b = Builders.port().name(vm[4] + "_" + p + "-" + vm[0]).networkId(net);
          for (String a : vm[3].split(" ")) {
            b = b.fixedIp(a, subnet);
          }
          for (String g : vm[2].split(" ")) {
            b = b.securityGroup(groups.get(g));
          }
          return ports.put(vm[0], os().networking().port().create(b.build()).getId());
        });
      }
      rules.addAll(portCreates);
      all(rules);

      Map<String, String> servers = new ConcurrentHashMap<>();
      List<Callable<Object>> boots = new ArrayList<>();
      for (String[] vm : vms) {
        boots.add(() -> {
          var b = Builders.server().name(p + "-" + vm[0]).flavor(flavors.get(vm[1])).image(image)
              .addNetworkPort(ports.get(vm[0])).keypairName(p + "-key");
          if (vm[0].startsWith("worker-")) {
            b = b.addSchedulerHint("group", serverGroup[0]);
          }
          return servers.put(vm[0], os().compute().servers().boot(b.build()).getId());
        });
      }
      all(boots);
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (true) {
        List<? extends Server> ours = os().compute().servers().list(Map.of("name", "^" + p + "-")).stream()
            .filter(s -> servers.containsValue(s.getId())).toList();
        long active = ours.stream().filter(s -> s.getStatus() == Server.Status.ACTIVE).count();
        if (active == vms.size()) {
          return;
        }
        // the loop has no retries: a server in ERROR stays so, and waiting for the deadline only wastes the run
        List<String> failed = ours.stream().filter(s -> s.getStatus() == Server.Status.ERROR).map(Server::getName)
            .toList();
        if (!failed.isEmpty()) {
          throw new IllegalStateException(p + ": " + failed + " in ERROR (" + active + " of " + vms.size()
              + " servers ACTIVE)");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(p + ": only " + active + " of " + vms.size() + " servers ACTIVE after 600 s");
        }
        Thread.sleep(1000);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void all(List<Callable<Object>> work) throws Exception {
    for (Future<Object> f : pool.invokeAll(work)) {
      f.get();
    }
  }
}
