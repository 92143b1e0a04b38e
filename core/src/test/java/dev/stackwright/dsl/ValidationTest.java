package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.Stackwright;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every rule the DSL checks before anything else runs, each with its path, the bad value and the fix. */
class ValidationTest {

  /** A valid small cluster; {@code edit} breaks it in one way. */
  static ClusterDsl valid(Consumer<ClusterDsl> edit) {
    ClusterDsl c = Stackwright.cluster("shop").network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(2).flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/d.git")
        .version("v1");
    edit.accept(c);
    return c;
  }

  static List<Problem> problems(Consumer<ClusterDsl> edit) {
    try {
      valid(edit).build();
    } catch (InvalidClusterException e) {
      return e.problems();
    }
    throw new AssertionError("expected the cluster to be invalid");
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("a role block outside the cluster network", (Consumer<ClusterDsl>) c ->
            c.role("worker").subnet("10.1.100").flavor("small"), "role[worker]", "lies outside the cluster network"),
        Arguments.of("two roles sharing a block", (Consumer<ClusterDsl>) c ->
            c.role("static").subnet("10.0.11").flavor("small"), "role[static]", "is the block 10.0.11.0/24 of"),
        Arguments.of("an address inside the DHCP pool", (Consumer<ClusterDsl>) c ->
            c.role("worker").subnet("10.0.254").flavor("small"), "role[worker]", "overlaps the DHCP pool"),
        Arguments.of("an address on the gateway", (Consumer<ClusterDsl>) c ->
            c.role("worker").address("10.0.0.254").flavor("small"), "role[worker]", "on the gateway address"),
        Arguments.of("an address on a block's network address", (Consumer<ClusterDsl>) c ->
            c.role("static").address("10.0.12.0").flavor("small"), "role[static].address",
            "is not a host offset in a /24 block"),
        Arguments.of("an address on a block's broadcast address", (Consumer<ClusterDsl>) c ->
            c.role("static").subnet("10.0.12").firstOffset(255).flavor("small"), "role[static].firstOffset",
            "is not a host offset in a /24 block"),
        Arguments.of("more instances than free addresses", (Consumer<ClusterDsl>) c ->
            c.role("worker").subnet("10.0.100").firstOffset(200).count(60).flavor("small"), "role[worker].count",
            "do not fit in block 10.0.100.0/24"),
        Arguments.of("a second controller", (Consumer<ClusterDsl>) c ->
            c.role("control2").kind(dev.stackwright.services.BuiltInServices.CONTROLLER).address("10.0.1.1").flavor("small"), "role[control2]",
            "is a second controller"),
        Arguments.of("an unknown flavour, with the closest", (Consumer<ClusterDsl>) c ->
            c.role("worker").subnet("10.0.100").flavor("smal"), "role[worker].flavor", "did you mean \"small\""),
        Arguments.of("an unknown image", (Consumer<ClusterDsl>) c ->
            c.role("worker").subnet("10.0.100").flavor("small").image("debian-9.3"), "role[worker].image",
            "is not one of the cluster's images"),
        Arguments.of("a role on no host", (Consumer<ClusterDsl>) c ->
            c.role("static").subnet("10.0.12"), "role[static]", "host"),
        Arguments.of("a role on two hosts", (Consumer<ClusterDsl>) c ->
            c.host("both").flavor("small").carries("appserver"), "role[appserver]", "is placed on two hosts"),
        Arguments.of("a name that is not a DNS label", (Consumer<ClusterDsl>) c ->
            c.role("web server").subnet("10.0.40").flavor("small"), "role[web server]", "DNS label"),
        Arguments.of("a name with a newline", (Consumer<ClusterDsl>) c ->
            c.role("evil\nname").subnet("10.0.40").flavor("small"), "role[", "would break the config files"),
        Arguments.of("a name with a quote", (Consumer<ClusterDsl>) c ->
            c.flavor("q\"uote").vcpus(1).ramGb(1), "flavor[", "would break the config files"),
        Arguments.of("a name with a semicolon", (Consumer<ClusterDsl>) c ->
            c.host("semi;colon").flavor("small").carries("static"), "host[", "would break the config files"),
        Arguments.of("a name with a brace", (Consumer<ClusterDsl>) c ->
            c.role("worker}").subnet("10.0.40").flavor("small"), "role[", "would break the config files"),
        Arguments.of("duplicate names: a role declared twice", (Consumer<ClusterDsl>) c ->
            c.role("database").subnet("10.0.21").flavor("small"), "role[database]", "is declared twice"),
        Arguments.of("two hosts whose VMs get one host name once '_' becomes '-'", (Consumer<ClusterDsl>) c -> {
          c.role("static").subnet("10.0.12");
          c.role("worker").subnet("10.0.100");
          c.host("my_host").flavor("small").carries("static");
          c.host("my-host").flavor("small").carries("worker");
        }, "host[my", "same host names"),
        Arguments.of("a quota exceeded", (Consumer<ClusterDsl>) c -> c.quota().instances(3), "cluster.quota.instances",
            "is exceeded: the cluster needs 6"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleNamesThePathTheValueAndTheFix(String rule, Consumer<ClusterDsl> edit, String path, String message) {
    List<Problem> problems = problems(edit);
    assertThat(problems).as(rule).anySatisfy(p -> {
      assertThat(p.path()).startsWith(path);
      assertThat(p.message() + " " + p.value().orElse("") + " " + p.fix()).contains(message);
      assertThat(p.fix()).isNotBlank();
    });
  }

  @Test
  void appServersAndWorkersNeedABrokerAppServersADatabaseTheWebserverAppServers() {
    ClusterDsl c = Stackwright.cluster("deps").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("webserver").subnet("10.0.10").flavor("small");
    c.role("worker").subnet("10.0.100").flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/d.git")
        .version("v1");
    assertThatThrownBy(c::build).isInstanceOfSatisfying(InvalidClusterException.class, e -> {
      assertThat(e.problems()).extracting(p -> p.path() + " " + p.message()).contains(
          "role[webserver] needs an application server and the cluster has none",
          "role[worker] needs a broker and the cluster has none");
    });
    ClusterDsl noDb = Stackwright.cluster("nodb").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    noDb.flavor("small").vcpus(1).ramGb(1);
    noDb.role("controller").address("10.0.0.1").flavor("small");
    noDb.role("appserver").subnet("10.0.11").flavor("small");
    noDb.role("broker").subnet("10.0.30").flavor("small");
    noDb.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("https://git.example.org/d.git")
        .version("v1");
    assertThatThrownBy(noDb::build).isInstanceOfSatisfying(InvalidClusterException.class, e ->
        assertThat(e.problems()).extracting(p -> p.path() + " " + p.message())
            .containsExactly("role[appserver] needs a database server and the cluster has none"));
    assertThat(valid(x -> { }).build().nodes()).hasSize(6);
  }

  @Test
  void aClusterWithoutAnApplicationIsRefusedBeforeRenderingWouldFail() {
    ClusterDsl c = Stackwright.cluster("noapp").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    assertThatThrownBy(c::build).isInstanceOfSatisfying(InvalidClusterException.class, e ->
        assertThat(e.problems()).singleElement().satisfies(p -> {
          assertThat(p.path()).isEqualTo("application");
          assertThat(p.message()).contains("the broker's vhost and user");
          assertThat(p.fix()).startsWith("call cluster.application(\"demo\")");
        }));
  }

  @Test
  void aSingleInstanceRoleWithACountOtherThanOne() {
    ClusterDsl c = Stackwright.cluster("two").network("10.0.0.0/16").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.1").count(2).flavor("small");
    assertThatThrownBy(c::build).isInstanceOfSatisfying(InvalidClusterException.class, e ->
        assertThat(e.problems()).anySatisfy(p -> {
          assertThat(p.path()).isEqualTo("role[controller].count");
          assertThat(p.message()).startsWith("must be 1");
          assertThat(p.value()).contains("2");
        }));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<Problem> problems = problems(c -> {
      c.role("control2").kind(dev.stackwright.services.BuiltInServices.CONTROLLER).address("10.0.1.1").flavor("small");
      c.role("worker").subnet("10.1.100").flavor("smal");
      c.role("static").subnet("10.0.11").flavor("small");
      c.flavor("tiny").vcpus(0).ramGb(1);
    });
    assertThat(problems).hasSizeGreaterThanOrEqualTo(5);
    assertThat(problems).extracting(Problem::path).contains("role[control2]", "role[worker].flavor",
        "flavor[tiny].vcpus");
  }

  @Test
  void badInputIsAProblemNeverANullPointerOrAnImmutablesError() {
    for (Consumer<ClusterDsl> bad : List.<Consumer<ClusterDsl>>of(
        c -> c.role("worker").subnet(null).flavor("small"),
        c -> c.role("worker").subnet("").flavor("small"),
        c -> c.role("worker").subnet("10.0.100").count(-3).flavor("small"),
        c -> c.role("worker").subnet("10.0.100").count(Integer.MAX_VALUE).flavor("small"),
        c -> c.flavor("huge").vcpus(0).ramGb(-1),
        c -> c.role("worker").subnet("10.0.100").flavor(null),
        c -> c.network(null),
        c -> c.gateway("10.0.0.999"))) {
      assertThatThrownBy(() -> valid(bad).build()).isExactlyInstanceOf(InvalidClusterException.class)
          .hasMessageContaining("fix:");
    }
  }

  @Test
  void theBuilderIsUsedOnce() {
    ClusterDsl c = valid(x -> { });
    c.build();
    assertThatThrownBy(c::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was already built and this DSL is single-use");
    assertThatThrownBy(() -> c.role("late")).isInstanceOf(IllegalStateException.class);
  }
}
