package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.Stackwright;
import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.engine.CountingBackend;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.memory.InMemoryCloud;
import dev.stackwright.model.RoleKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: invalid topologies written with the fluent DSL, each refused by the entry points a user has
 * (the engine after {@code build()}, and the CLI) before a single call reaches the cloud, with an
 * {@link InvalidClusterException} whose problem names the path, the bad value and the fix. The corpus is the seed
 * topology broken in one way per case, plus a few small clusters where the seed cannot show the mistake.
 */
class BadInputCorpusTest {

  /** One invalid topology and what its problem must say. */
  record Case(String name, Supplier<ClusterDsl> topology, String path, String value, String fix) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The seed (with three workers unless the edit declares its own) broken by {@code edit}. */
  static Supplier<ClusterDsl> seed(Consumer<ClusterDsl> edit) {
    return () -> {
      ClusterDsl c = Topologies.seedDsl("corpus");
      edit.accept(c);
      return c;
    };
  }

  static Supplier<ClusterDsl> seedWithWorkers(Consumer<RoleDsl> worker) {
    return seed(c -> worker.accept(c.role("worker").count(3).flavor("hpc").subnet("10.0.100")));
  }

  /** The seed with its workers on a host of their own, "pool", after {@code edit} of that host. */
  static Supplier<ClusterDsl> pool(Consumer<HostDsl> edit) {
    return seed(c -> {
      c.role("worker").subnet("10.0.100");
      edit.accept(c.host("pool").flavor("hpc").carries("worker"));
    });
  }

  /** A small valid cluster whose application {@code edit} breaks. */
  static Supplier<ClusterDsl> withApplication(Consumer<ApplicationDsl> edit) {
    return () -> {
      ClusterDsl c = small("app");
      edit.accept(c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
          .source("https://git.example.org/demo.git").version("v1.0"));
      return c;
    };
  }

  static Case bad(String name, Supplier<ClusterDsl> topology, String path, String value, String fix) {
    return new Case(name, topology, path, value, fix);
  }

  /** A cluster with every kind of role on one flavour, and no application unless {@code edit} adds one. */
  static ClusterDsl small(String name) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").dhcpPool("10.0.254.0/24")
        .defaultImage("debian-9.2");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("appserver").subnet("10.0.11").flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    return c;
  }

  private static final String NAME_FIX = "use lower-case letters, digits, '-' and '_'";
  private static final String LABEL_FIX = "start with a lower-case letter";
  private static final String LONG = "w".repeat(300);

  static final List<Case> CORPUS = List.of(
      // ---- hostile names ----
      bad("role name with a newline", seed(c -> c.role("work\ner").kind(RoleKind.WORKER).subnet("10.0.101")
          .flavor("hpc")), "role[work\ner]", "work\ner", NAME_FIX),
      bad("role name that forges a second problem line", seed(c -> c.role("w\n  [cluster.name] fine; fix: none")
          .kind(RoleKind.WORKER).subnet("10.0.101").flavor("hpc")), "role[w\n  [cluster.name] fine; fix: none]",
          "fine", NAME_FIX),
      bad("flavour name with a double quote", seed(c -> c.flavor("hp\"c").vcpus(2).ramGb(8)), "flavor[hp\"c]",
          "hp\"c", "remove it"),
      bad("host name with a semicolon", seed(c -> c.host("all;rm -rf").flavor("hpc").carries("worker")),
          "host[all;rm -rf]", "all;rm -rf", NAME_FIX),
      bad("role name with a brace", seed(c -> c.role("worker{").kind(RoleKind.WORKER).subnet("10.0.101")
          .flavor("hpc")), "role[worker{]", "worker{", NAME_FIX),
      bad("role name with ../", seed(c -> c.role("../etc").kind(RoleKind.WORKER).subnet("10.0.101").flavor("hpc")),
          "role[../etc]", "../etc", LABEL_FIX),
      bad("application home with a trailing ..", withApplication(a -> a.home("/srv/demo/..")),
          "application[demo].home", "/srv/demo/..", "write it like \"/srv/demo\""),
      bad("cluster name with a newline", () -> Topologies.seedDsl("seed\nrm"), "cluster.name", "seed\nrm",
          NAME_FIX),
      bad("role name of 300 characters", seed(c -> c.role(LONG).kind(RoleKind.WORKER).subnet("10.0.101")
          .flavor("hpc")), "role[" + LONG + "]", LONG, "at most 50 characters"),
      bad("role name in capitals (not a DNS label)", seed(c -> c.role("Worker").kind(RoleKind.WORKER)
          .subnet("10.0.101").flavor("hpc")), "role[Worker]", "Worker", LABEL_FIX),
      bad("host name ending in '-'", seed(c -> c.host("pool-").flavor("hpc").carries("worker")), "host[pool-]",
          "pool-", LABEL_FIX),
      bad("role name with a non-ASCII letter", seed(c -> c.role("wörker").kind(RoleKind.WORKER).subnet("10.0.101")
          .flavor("hpc")), "role[wörker]", "wörker", LABEL_FIX),
      bad("empty role name", seed(c -> c.role("").kind(RoleKind.WORKER).subnet("10.0.101").flavor("hpc")),
          "role[]", null, "give it a name such as \"worker\""),
      // ---- non-ASCII digits where numbers are parsed ----
      bad("network prefix in Arabic-Indic digits", seed(c -> c.network("10.0.0.0/\u0661\u0666")), "cluster.network",
          "10.0.0.0/\u0661\u0666", "write it like \"10.0.0.0/16\""),
      bad("DHCP pool prefix in Devanagari digits", seed(c -> c.dhcpPool("10.0.254.0/\u0968\u096a")),
          "cluster.dhcpPool", "10.0.254.0/\u0968\u096a", "write it like \"10.0.254.0/24\""),
      bad("subnet in full-width digits", seedWithWorkers(w -> w.subnet("10.0.\uff11\uff10\uff10")),
          "role[worker].subnet", "10.0.\uff11\uff10\uff10", "write three octets such as \"10.0.100\""),
      bad("admin CIDR prefix in Arabic-Indic digits", seed(c -> c.adminCidr("192.0.2.0/\u0662\u0664")),
          "cluster.adminCidr", "192.0.2.0/\u0662\u0664", "write it like \"192.0.2.0/24\""),
      // ---- absurd counts and sizes ----
      bad("role count 0", seedWithWorkers(w -> w.count(0)), "role[worker].count", "0", "call .count(1) or more"),
      bad("role count -1", seedWithWorkers(w -> w.count(-1)), "role[worker].count", "-1", "call .count(1) or more"),
      bad("role count Integer.MIN_VALUE", seedWithWorkers(w -> w.count(Integer.MIN_VALUE)), "role[worker].count",
          String.valueOf(Integer.MIN_VALUE), "call .count(1) or more"),
      bad("role count Integer.MAX_VALUE", seedWithWorkers(w -> w.count(Integer.MAX_VALUE)), "role[worker].count",
          String.valueOf(Integer.MAX_VALUE), "lower the count to 254 or less"),
      bad("300 workers in one /24 (an exhausted block)", seedWithWorkers(w -> w.count(300)), "role[worker].count",
          "300", "lower the count to 254 or less"),
      bad("host count 0", pool(h -> h.count(0)), "host[pool].count", "0", "call .count(1) or more"),
      bad("host count Integer.MAX_VALUE", pool(h -> h.count(Integer.MAX_VALUE)), "role[worker].count",
          String.valueOf(Integer.MAX_VALUE), "lower the count to 254 or less"),
      bad("flavour with 0 vCPUs", seed(c -> c.flavor("tiny").vcpus(0).ramGb(1)), "flavor[tiny].vcpus", "0",
          "call .vcpus(1) or more"),
      bad("flavour with negative RAM that overflows to positive", seed(c -> c.flavor("tiny").vcpus(1)
          .ramGb(-2_100_000)), "flavor[tiny].ram", "-2100000 GB", "call .ramGb(1) or more"),
      bad("flavour with more RAM than a flavour can have", seed(c -> c.flavor("huge").vcpus(1)
          .ramGb(Integer.MAX_VALUE)), "flavor[huge].ram", String.valueOf(Integer.MAX_VALUE), "at most"),
      bad("processes 0", seedWithWorkers(w -> w.processes(0)), "role[worker].processes", "0",
          "call .processes(1) or more"),
      bad("first offset 0", seedWithWorkers(w -> w.firstOffset(0)), "role[worker].firstOffset", "0", "use 1 to 254"),
      bad("first offset Integer.MIN_VALUE", seedWithWorkers(w -> w.firstOffset(Integer.MIN_VALUE)),
          "role[worker].firstOffset", String.valueOf(Integer.MIN_VALUE), "use 1 to 254"),
      bad("CPU weight NaN", seed(c -> c.cpuWeight("server", Double.NaN)), "cluster.cpuWeight[server]", "NaN",
          "such as 0.5"),
      bad("CPU weight negative", seed(c -> c.cpuWeight("hpc", -1)), "cluster.cpuWeight[hpc]", "-1.0",
          "such as 0.5"),
      bad("a single controller counted twice", () -> {
        ClusterDsl c = withApplication(a -> { }).get();
        c.role("controller").address("10.0.0.1").count(2).flavor("small");
        return c;
      }, "role[controller].count", "2", "use count 1"),
      // ---- the network plan ----
      bad("overlapping role blocks", seedWithWorkers(w -> w.subnet("10.0.11")), "role[worker].subnet", "10.0.11",
          "give each role a /24 block of its own"),
      bad("a block outside the network", seedWithWorkers(w -> w.subnet("10.1.100")), "role[worker].subnet",
          "10.1.100", "choose a block inside it"),
      bad("an address on its block's network address", seed(c -> c.role("gpu").kind(RoleKind.WORKER)
          .address("10.0.40.0").flavor("hpc")), "role[gpu].address", "10.0.40.0", "end it in .1 to .254"),
      bad("an address on the network's broadcast address", seed(c -> c.role("gpu").kind(RoleKind.WORKER)
          .address("10.0.255.255").flavor("hpc")), "role[gpu].address", "10.0.255.255", "end it in .1 to .254"),
      bad("an instance on the gateway", seed(c -> c.gateway("10.0.100.2").role("worker").count(3).flavor("hpc")
          .subnet("10.0.100")), "role[worker].subnet", "10.0.100", "move the gateway"),
      bad("a role block in the DHCP pool", seedWithWorkers(w -> w.subnet("10.0.254")), "role[worker].subnet",
          "10.0.254", "choose a block outside the pool"),
      bad("overlapping blocks, where the first free block is the DHCP pool's", seed(c -> c.dhcpPool("10.0.1.0/24")
          .role("worker").count(3).flavor("hpc").subnet("10.0.11")), "role[worker].subnet", "10.0.11",
          "such as \"10.0.2\""),
      bad("overlapping blocks, where the next free block is a later role's", seed(c -> {
        c.role("worker").count(3).flavor("hpc").subnet("10.0.11");
        c.role("gpu").kind(RoleKind.WORKER).flavor("hpc").subnet("10.0.1");
      }), "role[worker].subnet", "10.0.11", "such as \"10.0.2\""),
      bad("the gateway in the DHCP pool", seed(c -> c.gateway("10.0.254.1")), "cluster.gateway", "10.0.254.1",
          "choose an address outside the pool"),
      bad("the gateway on the network's broadcast address", seed(c -> c.gateway("10.0.255.255")),
          "cluster.gateway", "10.0.255.255", "choose a host address"),
      bad("the gateway outside the network", seed(c -> c.gateway("10.9.0.1")), "cluster.gateway", "10.9.0.1",
          "choose an address inside it"),
      bad("a gateway that is not an address", seed(c -> c.gateway("10.0.0.999")), "cluster.gateway", "10.0.0.999",
          "write four numbers"),
      bad("a DHCP pool outside the network", seed(c -> c.dhcpPool("10.9.254.0/24")), "cluster.dhcpPool",
          "10.9.254.0/24", "choose a range inside it"),
      bad("a DHCP pool with host bits", seed(c -> c.dhcpPool("10.0.254.1/24")), "cluster.dhcpPool",
          "10.0.254.1/24", "write it like"),
      bad("a network smaller than a block", seed(c -> c.network("10.0.0.0/25")), "cluster.network", "10.0.0.0/25",
          "use a network of /24 or larger"),
      bad("a subnet of four octets", seedWithWorkers(w -> w.subnet("10.0.100.0")), "role[worker].subnet",
          "10.0.100.0", "write three octets"),
      bad("both subnet and address", seedWithWorkers(w -> w.address("10.0.100.5")), "role[worker].address",
          "10.0.100.5", "not both"),
      // ---- catalogue ----
      bad("an unknown flavour", seedWithWorkers(w -> w.flavor("hcp")), "role[worker].flavor", "hcp",
          "declare it with cluster.flavor(\"hcp\")"),
      bad("an unknown image", seedWithWorkers(w -> w.image("debian-9.3")), "role[worker].image", "debian-9.3",
          "declare it with cluster.image(\"debian-9.3\")"),
      bad("a CPU class with no weight", seed(c -> c.flavor("gpu").vcpus(1).ramGb(1).cpuClass("gpu")),
          "flavor[gpu].cpuClass", "gpu", "cluster.cpuWeight(\"gpu\", 1.0)"),
      // ---- placement ----
      bad("a role on no host", seed(c -> c.role("worker").subnet("10.0.100")), "role[worker]", null,
          "carries(\"worker\")"),
      bad("a role on two hosts", seed(c -> c.host("extra").flavor("hpc").carries("database")), "role[database]",
          "database", "place each role on one host"),
      bad("a role with its own VMs carried by a host too", seed(c -> {
        c.role("worker").subnet("10.0.100").flavor("hpc");
        c.host("pool").flavor("hpc").carries("worker");
      }), "role[worker]", "worker", "place each role on one host"),
      bad("a host carrying an undeclared role", seed(c -> c.host("pool").flavor("hpc").carries("wroker")),
          "host[pool].carries", "wroker", "declare it with cluster.role(\"wroker\")"),
      bad("a host that carries nothing", seed(c -> c.host("pool").flavor("hpc")), "host[pool].carries", null,
          "list its roles"),
      bad("a role whose count differs from its host's", seed(c -> {
        c.role("worker").subnet("10.0.100").count(2);
        c.host("pool").flavor("hpc").carries("worker");
      }), "role[worker].count", "2", "cluster.host(\"pool\").count(2)"),
      bad("a role name that is no kind", seed(c -> c.role("gpu").subnet("10.0.101").flavor("hpc")), "role[gpu].kind",
          "gpu", ".kind(RoleKind.WORKER)"),
      bad("a second controller", seed(c -> c.role("control2").kind(RoleKind.CONTROLLER).address("10.0.1.1")
          .flavor("controller")), "role[control2]", "control2", "keep one controller role"),
      bad("a missing dependency: webserver without app servers", () -> {
        ClusterDsl c = Stackwright.cluster("deps").network("10.0.0.0/16").dhcpPool("10.0.254.0/24")
            .defaultImage("debian-9.2");
        c.flavor("small").vcpus(1).ramGb(1);
        c.role("webserver").subnet("10.0.10").flavor("small");
        c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://example.org/d.git")
            .version("v1");
        return c;
      }, "role[webserver]", null, "cluster.role(\"appserver\")"),
      // ---- application ----
      bad("a missing application", () -> small("noapp"), "application", null, "call cluster.application(\"demo\")"),
      bad("a second application", seed(c -> c.application("other")), "application", "other",
          "declare one application per cluster"),
      bad("a WSGI entry point without a callable", withApplication(a -> a.wsgi("demo.wsgi")),
          "application[demo].wsgi", "demo.wsgi", "write it like \"demo.wsgi:application\""),
      bad("an application version with a Unicode line separator", withApplication(a -> a.version("v1\u2028x")),
          "application[demo].version", "v1\u2028x", "remove it"),
      bad("an application version with a newline", withApplication(a -> a.version("v1\nrm -rf /")),
          "application[demo].version", "v1\nrm -rf /", "remove it"),
      // ---- duplicate names ----
      bad("a role declared twice", seed(c -> c.role("database").subnet("10.0.21")), "role[database]", null,
          "declare each role once"),
      bad("a flavour declared twice", seed(c -> c.flavor("hpc").vcpus(4).ramGb(8)), "flavor[hpc]", null,
          "declare each flavour once"),
      bad("a host named like a role it does not carry", seed(c -> {
        c.role("worker").subnet("10.0.100");
        c.role("gpu").kind(RoleKind.WORKER).subnet("10.0.101");
        c.host("pool").flavor("hpc").carries("worker");
        c.host("worker").flavor("hpc").carries("gpu");
      }), "host[worker]", "worker", "rename the host"),
      bad("two hosts whose VMs get one host name", seed(c -> {
        c.role("worker").subnet("10.0.100");
        c.role("gpu").kind(RoleKind.WORKER).subnet("10.0.101");
        c.host("pool_a").flavor("hpc").carries("worker");
        c.host("pool-a").flavor("hpc").carries("gpu");
      }), "host[pool-a]", "pool-a", "rename one of them"),
      bad("a role instance with the host name of another host's VM", seed(c -> {
        c.role("server-all").kind(RoleKind.WORKER).subnet("10.0.100");
        c.host("pool").flavor("hpc").carries("server-all");
      }), "role[server-all]", "server-all", "rename"),
      // ---- quota ----
      bad("the instance quota exceeded", seed(c -> c.quota().instances(2)), "cluster.quota.instances", "2",
          "raise the project's quota to at least 3"),
      bad("the RAM quota exceeded", seed(c -> c.quota().ramGb(4)), "cluster.quota.ram", "4096",
          "raise the project's quota to at least 7168"),
      bad("a negative core quota", seed(c -> c.quota().cores(-1)), "cluster.quota.cores", "-1",
          "give the project's limit"),
      // ---- nulls ----
      bad("a null cluster name", () -> Topologies.seedDsl(null), "cluster.name", null, "give it a name"),
      bad("a null role name", seed(c -> c.role(null).kind(RoleKind.WORKER).subnet("10.0.101").flavor("hpc")),
          "role[null]", null, "give it a name"),
      bad("a null subnet", seedWithWorkers(w -> w.subnet(null)), "role[worker].subnet", null, "call .subnet(\"10.0.N\")"),
      bad("a null flavour on a host", pool(h -> h.flavor(null)), "host[pool].flavor", null, "call .flavor(...)"),
      bad("a null role in carries", seed(c -> c.host("pool").flavor("hpc").carries((String) null)),
          "host[pool].carries", null, "declare it"),
      bad("a null network", seed(c -> c.network(null)), "cluster.network", null, "call cluster.network(\"10.0.0.0/16\")"),
      bad("a null default image", seed(c -> c.defaultImage(null)), "cluster.defaultImage", null,
          "call cluster.defaultImage"),
      bad("a null extra image", seed(c -> c.image(null)), "cluster.image[1]", null, "set it"),
      bad("a null CPU class name", seed(c -> c.cpuWeight(null, 1.0)), "cluster.cpuWeight[null]", null, "set it"),
      bad("a null application name", () -> {
        ClusterDsl c = small("nullapp");
        c.application(null).wsgi("demo.wsgi:application").celeryApp("demo").source("https://example.org/d.git")
            .version("v1");
        return c;
      }, "application[null]", null, "give it a name"),
      bad("a null CPU class beside a misspelt one", seed(c -> {
        c.cpuWeight(null, 1.0);
        c.flavor("gpu").vcpus(1).ramGb(1).cpuClass("hcp");
      }), "flavor[gpu].cpuClass", "hcp", "cluster.cpuWeight(\"hcp\", 1.0)"),
      bad("a null array of carried roles", seed(c -> c.host("pool").flavor("hpc").carries((String[]) null)),
          "host[pool].carries", null, "declare it"),
      bad("a RAM quota more than a quota can count", seed(c -> c.quota().ramGb(Integer.MAX_VALUE)),
          "cluster.quota.ram", String.valueOf(Integer.MAX_VALUE * 1024L), "give at most 2097151 GB"),
      bad("a null internal network", seed(c -> c.internalNetwork(null)), "cluster.internalNetwork", null,
          "set it"));

  /** Each case named "case 7 of 84: ...", so a reader of the test report sees the corpus and its size. */
  static Stream<Named<Case>> corpus() {
    return IntStream.range(0, CORPUS.size())
        .mapToObj(i -> Named.of("case " + (i + 1) + " of " + CORPUS.size() + ": " + CORPUS.get(i).name(),
            CORPUS.get(i)));
  }

  private static CountingBackend cloud() {
    return new CountingBackend(InMemoryCloud.forCluster(Topologies.seed("corpus")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("the bad-input corpus, each case through Engine.apply and Engine.plan")
  void theEngineRefusesItBeforeAnyCall(Case bad) {
    CountingBackend cloud = cloud();
    Engine engine = Engine.builder().backend(cloud).parallelism(4).renderer(Topologies.renderer()).build();
    assertThatThrownBy(() -> engine.apply(bad.topology().get().build()))
        .isExactlyInstanceOf(InvalidClusterException.class)
        .satisfies(e -> assertNamesPathValueAndFix(bad, (InvalidClusterException) e));
    assertThatThrownBy(() -> engine.plan(bad.topology().get().build()))
        .isExactlyInstanceOf(InvalidClusterException.class);
    assertThat(cloud.requests()).as("calls that reached the cloud: %s", cloud.calls()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  @DisplayName("the bad-input corpus, each case through the CLI's apply --yes")
  void theCliRefusesItBeforeAnyCall(Case bad) {
    CountingBackend cloud = cloud();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.builder().cluster(() -> bad.topology().get().build()).memoryCloud(cloud)
        .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .environment(Map.of()).build().run("apply", "--yes", "--backend", "memory");
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isEqualTo(ExitCode.USAGE);
    assertThat(printed).contains("Validation failed").contains(escaped(bad.fix())).doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(cloud.requests()).as("calls that reached the cloud: %s", cloud.calls()).isZero();
  }

  /** The CLI prints messages with control characters escaped. */
  private static String escaped(String s) {
    return s.replace("\n", "\\n");
  }

  private static void assertNamesPathValueAndFix(Case bad, InvalidClusterException e) {
    assertThat(e.getCause()).isNull();
    assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
      assertThat(p.path()).isEqualTo(bad.path());
      assertThat(p.fix()).contains(bad.fix());
      if (bad.value() == null) {
        assertThat(p.value()).isEmpty();
      } else {
        assertThat(p.value()).hasValueSatisfying(v -> assertThat(v).contains(bad.value()));
      }
    });
    // one header line and one line per problem: a hostile name cannot add or break lines
    assertThat(e.getMessage().lines()).hasSize(e.problems().size() + 1);
    assertThat(e.getMessage().lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith("  ["));
  }

  @Test
  void theCorpusHasAtLeastFortyCases() {
    assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(40);
    assertThat(CORPUS).extracting(Case::name).doesNotHaveDuplicates();
  }

  @Test
  void aTopologyWithSeveralProblemsReportsAllOfThemAtOnce() {
    // given the seed with six unrelated mistakes
    ClusterDsl c = Topologies.seedDsl("many").gateway("10.0.254.1");
    c.role("worker").count(300).flavor("hcp").subnet("10.0.100");
    c.role("gpu").kind(RoleKind.WORKER).subnet("10.0.11").flavor("hpc");
    c.flavor("tiny").vcpus(0).ramGb(1);
    c.host("pool").flavor("hpc").carries("wroker");
    c.quota().cores(-1);
    CountingBackend cloud = cloud();
    Engine engine = Engine.builder().backend(cloud).parallelism(4).renderer(Topologies.renderer()).build();

    // when / then
    assertThatThrownBy(() -> engine.apply(c.build())).isInstanceOfSatisfying(InvalidClusterException.class, e ->
        assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder("cluster.gateway",
            "flavor[tiny].vcpus", "role[worker].flavor", "host[pool].carries", "role[gpu].subnet",
            "role[worker].count", "cluster.quota.cores"));
    assertThat(cloud.requests()).isZero();
  }
}
