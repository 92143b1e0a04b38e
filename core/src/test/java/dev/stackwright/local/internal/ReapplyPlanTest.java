package dev.stackwright.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.local.LocalMapping;
import dev.stackwright.local.internal.ReapplyPlan.Kind;
import dev.stackwright.local.internal.ReapplyPlan.Step;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a re-apply does to a running local run follows from each changed file's OnChange and the model. */
class ReapplyPlanTest {
  private static final Service CACHE = Service.builder("cache").port(ServicePort.tcp("redis", 6379))
      .health(HealthCheck.tcp("redis")).addUsers("redis")
      .file("redis/redis.conf.jinja", "/etc/redis/redis.conf", "redis:redis", 0640, OnChange.restart("redis-server"))
      .localCommand("redis-server {file:/etc/redis/redis.conf} --port {port:redis} --bind {address}").build();

  @TempDir
  Path dir;

  private Cluster cluster(int caches) {
    ClusterDsl c = Stackwright.cluster("again").network("10.0.0.0/16").gateway("10.0.0.254")
        .dhcpPool("10.0.254.0/24").defaultImage("debian-12");
    c.flavor("small").vcpus(1).ramGb(1);
    c.role("controller").address("10.0.0.21").flavor("small");
    c.role("cache").kind(CACHE).subnet("10.0.41").count(caches).flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }

  private LocalMapping mapping(Cluster cluster) {
    return LocalMapping.builder(cluster, dir).privilegedPorts(true).build();
  }

  private NodeFile file(Cluster cluster, String node, String path, String content, OnChange onChange) {
    return new NodeFile(node, path, mapping(cluster).path(node, path), 0644, "root:root", content, onChange);
  }

  private List<ServiceSpec> specs(Cluster cluster, int caches) {
    List<NodeFile> files = new java.util.ArrayList<>(List.of(file(cluster, "controller-1", "/etc/nginx/nginx.conf",
        "events {}\nhttp { server { listen 127.0.0.21:80; } }\n", OnChange.reload("nginx"))));
    for (int i = 1; i <= caches; i++) {
      files.add(file(cluster, "cache-" + i, "/etc/redis/redis.conf", "port 6379\n", OnChange.NOTHING));
    }
    LocalOptions options = new LocalOptions(Path.of("/usr/bin/python3"), Map.of(), Optional.empty(),
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO);
    return new LocalPlanner(cluster, mapping(cluster), files, options).plan();
  }

  /** Every process of {@code specs} that runs, as if alive. */
  private static Map<String, PidFiles.Recorded> running(List<ServiceSpec> specs) {
    Map<String, PidFiles.Recorded> out = new LinkedHashMap<>();
    long pid = 1000;
    for (ServiceSpec s : specs) {
      if (s.runs()) {
        out.put(s.name(), new PidFiles.Recorded(s.name(), new Processes.Pid(pid++, 1), s.kind(), s.node(),
            s.endpoints().stream().map(Object::toString).toList(), s.phase(), Path.of(s.name() + ".pid")));
      }
    }
    return out;
  }

  private ReapplyPlan plan(Cluster cluster, Map<String, PidFiles.Recorded> running, List<NodeFile> changed,
      Map<String, String> deployed) {
    return ReapplyPlan.of(cluster, specs(cluster, cluster.nodes().size() - 1), running, changed,
        Map.of("cache-1", "demo v1.0"), deployed, Map.of("cache-1", List.of(OnChange.restart("redis-server"))));
  }

  @Test
  void aFileWhoseChangeRestartsAUnitRestartsTheProcessOfTheServiceItBelongsTo() {
    // given
    Cluster c = cluster(1);
    NodeFile conf = file(c, "cache-1", "/etc/redis/redis.conf", "port 6380\n", OnChange.restart("redis-server"));

    // when
    List<Step> steps = plan(c, running(specs(c, 1)), List.of(conf), Map.of()).steps();

    // then
    assertThat(steps).extracting(Step::process, Step::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("cache@cache-1", Kind.RESTART));
    assertThat(steps.get(0).reason()).contains("/etc/redis/redis.conf changed -> restart redis-server");
  }

  @Test
  void aReloadOfAProcessWithAReloadSignalIsAReload() {
    // given
    Cluster c = cluster(1);
    NodeFile conf = file(c, "controller-1", "/etc/nginx/nginx.conf", "events {}\n", OnChange.reload("nginx"));

    // when
    List<Step> steps = plan(c, running(specs(c, 1)), List.of(conf), Map.of()).steps();

    // then
    assertThat(steps).extracting(Step::process, Step::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("nginx@controller-1", Kind.RELOAD));
  }

  @Test
  void aNewApplicationVersionRedeploysTheUnitsItsNodeNames() {
    // given
    Cluster c = cluster(1);

    // when
    ReapplyPlan plan = plan(c, running(specs(c, 1)), List.of(), Map.of("cache-1", "demo v0.9"));

    // then
    assertThat(plan.redeployNodes()).containsOnlyKeys("cache-1");
    assertThat(plan.steps()).extracting(Step::process, Step::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("cache@cache-1", Kind.REDEPLOY));
    assertThat(plan.lines()).anyMatch(l -> l.contains("application demo v0.9 -> v1.0"));
  }

  @Test
  void aScaleDownStopsTheInstanceTheModelNoLongerHas() {
    // given
    Cluster two = cluster(2);
    Map<String, PidFiles.Recorded> running = running(specs(two, 2));

    // when
    List<Step> steps = plan(cluster(1), running, List.of(), Map.of()).steps();

    // then
    assertThat(steps).extracting(Step::process, Step::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("cache@cache-2", Kind.STOP));
  }

  @Test
  void whatRunsAsTheModelSaysPlansEmpty() {
    // given
    Cluster c = cluster(1);

    // when
    ReapplyPlan plan = plan(c, running(specs(c, 1)), List.of(), Map.of("cache-1", "demo v1.0"));

    // then
    assertThat(plan.isEmpty()).as(plan.lines().toString()).isTrue();
  }
}
