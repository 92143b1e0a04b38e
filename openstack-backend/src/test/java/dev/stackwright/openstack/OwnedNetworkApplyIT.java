package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Plan;
import dev.stackwright.model.Cluster;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import dev.stackwright.spi.Backend;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.ResourceKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A small cluster that owns its network, through the engine on the loopback cloud: applied with its network, subnet,
 * router and the controller's floating IP, converged, destroyed with the network last; someone else's port keeping
 * the network; and a used network whose pool holds a role's address refused before anything is made. Each test has
 * a cluster and networks of its own names, so nothing here meets the cloud's {@code internal} or another run.
 */
@Tag("integration")
class OwnedNetworkApplyIT {
  private final OpenStackBackend cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
  private final String name = RealCloud.uniqueClusterName("ownapply");
  /** The kinds of what the engine deleted, in order. */
  private final List<ResourceKind> deleted = Collections.synchronizedList(new ArrayList<>());
  private final Engine engine = Engine.builder().backend(recordingDeletes(cloud)).renderer(SeedCluster.renderer())
      .parallelism(8).publicKey(SshKeys.newPublicKey("it@stackwright")).build();
  private final List<String> byHand = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    Collections.reverse(byHand);
    byHand.forEach(path -> cloud.client().http().send(Request.delete(Service.NETWORK, path), "the test's " + path));
    engine.destroy(name);
  }

  /** The backend, its deletes recorded by kind. */
  private Backend recordingDeletes(Backend real) {
    return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
        (proxy, method, args) -> {
          if (method.getName().equals("delete")) {
            deleted.add(((Observed) args[1]).id().kind());
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** A controller (with a floating IP from {@code public}), a broker and two workers, in blocks from 10.0.160. */
  private Cluster cluster(Consumer<ClusterDsl> network) {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .adminCidr("192.0.2.0/24").defaultImage("debian-12").cpuWeight("hpc", 1.0).externalNetwork("public");
    network.accept(c);
    c.flavor("hpc").vcpus(2).ramGb(8).cpuClass("hpc");
    c.role("controller").address("10.0.160.1").flavor("hpc");
    c.role("broker").subnet("10.0.161").flavor("hpc");
    c.role("worker").count(2).flavor("hpc").subnet("10.0.162");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/stackwright/demo.git").version("v1.0");
    return c.build();
  }

  private List<JsonNode> named(String collection, String resourceName) {
    return cloud.client().http().list(Request.get(Service.NETWORK, "/" + collection).with("name", resourceName),
        collection, collection + " named " + resourceName);
  }

  private String createByHand(String collection, String key, String json) {
    JsonNode made = cloud.client().http().create(Request.post(Service.NETWORK, "/" + collection, json), key,
        "the test's " + key, Optional::empty);
    byHand.add("/" + collection + "/" + made.path("id").asText());
    return made.path("id").asText();
  }

  @Test
  void anOwnedNetworkIsAppliedConvergedAndDestroyedLast() {
    // given
    Cluster cluster = cluster(ClusterDsl::ownNetwork);
    assertThat(named("networks", name + "-internal")).isEmpty();

    // when
    ApplyResult applied = engine.apply(cluster);

    // then
    assertThat(applied.succeeded()).as(applied.summary()).isTrue();
    Observation seen = cloud.observe(name);
    assertThat(seen.resources()).extracting(o -> o.id().kind())
        .contains(ResourceKind.NETWORK, ResourceKind.SUBNET, ResourceKind.ROUTER, ResourceKind.FLOATING_IP);
    assertThat(seen.resources()).filteredOn(o -> o.id().kind() == ResourceKind.FLOATING_IP)
        .allSatisfy(f -> assertThat(((FloatingIpSpec) f.spec()).router()).isPresent());
    Plan again = engine.plan(cluster);
    assertThat(again.isEmpty()).as(again.render()).isTrue();

    // and when
    ApplyResult destroyed = engine.destroy(name);

    // then
    assertThat(destroyed.succeeded()).as(destroyed.summary()).isTrue();
    assertThat(deleted).last().isEqualTo(ResourceKind.NETWORK);
    assertThat(deleted.indexOf(ResourceKind.ROUTER)).isLessThan(deleted.indexOf(ResourceKind.SUBNET));
    assertThat(named("networks", name + "-internal")).isEmpty();
    assertThat(named("routers", name + "-router")).isEmpty();
    assertThat(cloud.observe(name).resources()).isEmpty();
  }

  @Test
  void someoneElsesPortKeepsTheNetworkNamedInThePlanAndIsLeftAloneUntilItsOwnerDeletesIt() {
    // given: applied, then a port made by hand on the cluster's network
    Cluster cluster = cluster(ClusterDsl::ownNetwork);
    assertThat(engine.apply(cluster).succeeded()).isTrue();
    String network = named("networks", name + "-internal").get(0).path("id").asText();
    String theirs = createByHand("ports", "port", "{\"port\": {\"name\": \"their-probe\", \"network_id\": \""
        + network + "\"}}");

    // when
    Plan plan = engine.destroyPlan(name);
    ApplyResult destroyed = engine.destroy(name);

    // then
    assertThat(plan.conflicts()).singleElement().satisfies(c ->
        assertThat(c.reason()).contains("their-probe (" + theirs + ")"));
    assertThat(destroyed.succeeded()).as(destroyed.summary()).isTrue();
    assertThat(cloud.client().http().send(Request.get(Service.NETWORK, "/ports/" + theirs), "their port").status())
        .isEqualTo(200);
    assertThat(cloud.observe(name).resources()).extracting(o -> o.id().kind())
        .containsExactlyInAnyOrder(ResourceKind.NETWORK, ResourceKind.SUBNET, ResourceKind.ROUTER);

    // and when: its owner deletes it
    cloud.client().http().send(Request.delete(Service.NETWORK, "/ports/" + theirs), "their port");
    ApplyResult finished = engine.destroy(name);

    // then
    assertThat(finished.succeeded()).as(finished.summary()).isTrue();
    assertThat(named("networks", name + "-internal")).isEmpty();
  }

  @Test
  void aUsedNetworkWhosePoolHoldsARoleAddressIsRefusedBeforeAnythingIsMade() {
    // given: a network of the test's whose pool takes the broker's block
    String used = name + "-used";
    String network = createByHand("networks", "network", "{\"network\": {\"name\": \"" + used + "\"}}");
    cloud.client().http().create(Request.post(Service.NETWORK, "/subnets", "{\"subnet\": {\"network_id\": \""
        + network + "\", \"ip_version\": 4, \"cidr\": \"10.0.0.0/16\", \"gateway_ip\": \"10.0.0.254\","
        + " \"enable_dhcp\": false, \"allocation_pools\": [{\"start\": \"10.0.161.1\", \"end\": \"10.0.161.50\"}]}}"),
        "subnet", "the test's subnet", Optional::empty);
    Cluster cluster = cluster(c -> c.internalNetwork(used));

    // when / then
    assertThatThrownBy(() -> engine.apply(cluster)).isInstanceOfSatisfying(InvalidClusterException.class, e ->
        assertThat(e.problems()).extracting(Problem::path).contains("role[broker].subnet"));
    assertThat(cloud.observe(name).resources()).isEmpty();
    assertThat(cloud.client().http().list(Request.get(Service.NETWORK, "/ports").with("network_id", network),
        "ports", "ports on " + used)).isEmpty();
  }
}
