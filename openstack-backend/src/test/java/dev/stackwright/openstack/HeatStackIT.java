package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.export.HeatTemplate;
import dev.stackwright.model.Cluster;
import dev.stackwright.openstack.internal.Http;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.ServerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The proof of {@code export heat}: the seed, exported, created as a Heat stack on the real cloud has the ports the
 * model says at the model's addresses, its servers ACTIVE and in their host kind's server group, its entry points'
 * floating IPs; deleted, it leaves nothing. The stack has a fixed name, so a stack a killed earlier run left (which
 * keeps its fixed addresses) is deleted first.
 */
@Tag("integration")
class HeatStackIT {
  private static final String STACK = "stackwright-heat-it";
  /** The seed's addresses moved to 10.0.150-180 (workers 10.0.200), away from the other tests' seeds on "internal". */
  private static final int SHIFT = 150;
  private static final Duration CREATE = Duration.ofMinutes(10);
  private static final Duration DELETE = Duration.ofMinutes(5);

  @Test
  void theExportedSeedIsAStackWithTheModelsPortsAndServersThatLeavesNothingWhenDeleted() throws Exception {
    // given: Heat on the cloud, no stack of an earlier run, a keypair, the seed with floating IPs, exported
    OpenStackBackend cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
    HeatStacks heat = HeatStacks.on(cloud);
    for (JsonNode left : heat.named(STACK)) {
      heat.delete(STACK, left.path("id").asText(), DELETE);
    }
    String external = RealCloud.externalNetwork(cloud).orElseThrow(() -> new AssertionError("the cloud has no"
        + " external network for floating IPs (the loopback cloud makes 'public')")).path("name").asText();
    Cluster seed = seed(external);
    HeatTemplate template = HeatTemplate.of(seed, Topologies.renderer());
    List<ResourceSpec> specs = Engine.resources(seed, Topologies.renderer().render(seed), "anti-affinity");
    cloud.client().nova().deleteKeypair(STACK);
    cloud.client().nova().importKeypair(STACK, SshKeys.newPublicKey("heat-it@stackwright"));
    String id = null;
    List<String> made = new ArrayList<>();
    try {
      // when
      id = heat.create(STACK, template.toYaml(), Map.of("key_name", STACK), CREATE);
      JsonNode stack = heat.await(STACK, id, CREATE);

      // then
      assertThat(stack.path("stack_status").asText()).as(stack.path("stack_status_reason").asText())
          .isEqualTo("CREATE_COMPLETE");
      Map<String, JsonNode> resources = heat.resources(STACK, id);
      resources.values().forEach(r -> made.add(r.path("resource_type").asText() + " "
          + r.path("physical_resource_id").asText()));
      assertThat(resources).hasSize(template.resourceCount());
      Http http = cloud.client().http();
      for (ResourceSpec spec : specs) {
        String cloudId = resources.get(name(spec.id())).path("physical_resource_id").asText();
        if (spec instanceof PortSpec p) {
          portHasTheModelsAddresses(http, p, cloudId);
        } else if (spec instanceof ServerSpec s) {
          serverIsActiveInItsGroup(http, s, cloudId, resources);
        } else if (spec instanceof FloatingIpSpec f) {
          assertThat(http.getOk(Request.get(Service.NETWORK, "/floatingips/" + cloudId), "floating IP")
              .path("floatingip").path("port_id").asText()).as(f.id().toString())
              .isEqualTo(resources.get(name(f.port())).path("physical_resource_id").asText());
        }
      }
      assertThat(outputKeys(stack)).contains("webserver-1_public_address", "controller-1_public_address");
    } finally {
      if (id != null) {
        heat.delete(STACK, id, DELETE);
      }
      cloud.client().nova().deleteKeypair(STACK);
    }
    assertThat(heat.named(STACK)).isEmpty();
    nothingIsLeft(cloud.client().http(), made, specs);
  }

  /** The seed as the other ITs size it for this cloud (hpc workers), shifted, with floating IPs. */
  private static Cluster seed(String external) {
    ClusterDsl c = Topologies.seedDsl(STACK, false, SHIFT);
    c.externalNetwork(external);
    c.role("worker").count(2).flavor("hpc").subnet("10.0.200");
    return c.build();
  }

  private static void portHasTheModelsAddresses(Http http, PortSpec spec, String cloudId) {
    JsonNode port = http.getOk(Request.get(Service.NETWORK, "/ports/" + cloudId), "port").path("port");
    Set<String> addresses = StreamSupport.stream(port.path("fixed_ips").spliterator(), false)
        .map(ip -> ip.path("ip_address").asText()).collect(Collectors.toSet());
    assertThat(addresses).as(spec.name()).isEqualTo(spec.fixedIps().stream().map(Object::toString)
        .collect(Collectors.toSet()));
    assertThat(port.path("name").asText()).isEqualTo(spec.name());
  }

  private static void serverIsActiveInItsGroup(Http http, ServerSpec spec, String cloudId,
      Map<String, JsonNode> resources) {
    JsonNode server = http.getOk(Request.get(Service.COMPUTE, "/servers/" + cloudId), "server").path("server");
    assertThat(server.path("status").asText()).as(spec.name()).isEqualTo("ACTIVE");
    assertThat(server.path("name").asText()).isEqualTo(spec.name());
    spec.serverGroup().ifPresent(group -> {
      String groupId = resources.get(name(group)).path("physical_resource_id").asText();
      JsonNode members = http.getOk(Request.get(Service.COMPUTE, "/os-server-groups/" + groupId), "server group")
          .path("server_group").path("members");
      assertThat(members).as("members of " + group).extracting(JsonNode::asText).contains(cloudId);
    });
  }

  /** Every resource the stack had is gone, and no port holds one of the model's addresses. */
  private static void nothingIsLeft(Http http, List<String> made, List<ResourceSpec> specs) {
    assertThat(made).isNotEmpty().allSatisfy(r -> {
      String[] typeAndId = r.split(" ");
      pathOf(typeAndId[0], typeAndId[1]).ifPresent(path -> assertThat(http.send(path, r).status()).as(r)
          .isEqualTo(404));
    });
    for (ResourceSpec spec : specs) {
      if (spec instanceof PortSpec p) {
        for (var ip : p.fixedIps()) {
          assertThat(http.list(Request.get(Service.NETWORK, "/ports").with("fixed_ips", "ip_address=" + ip), "ports",
              "ports at " + ip)).as("ports at " + ip).isEmpty();
        }
      }
    }
  }

  /** Where a resource of a Heat type is read back (404 once it is gone). */
  private static java.util.Optional<Request> pathOf(String type, String id) {
    return java.util.Optional.ofNullable(switch (type) {
      case "OS::Nova::Server" -> Request.get(Service.COMPUTE, "/servers/" + id);
      case "OS::Nova::ServerGroup" -> Request.get(Service.COMPUTE, "/os-server-groups/" + id);
      case "OS::Neutron::Port" -> Request.get(Service.NETWORK, "/ports/" + id);
      case "OS::Neutron::SecurityGroup" -> Request.get(Service.NETWORK, "/security-groups/" + id);
      case "OS::Neutron::SecurityGroupRule" -> Request.get(Service.NETWORK, "/security-group-rules/" + id);
      case "OS::Neutron::FloatingIP" -> Request.get(Service.NETWORK, "/floatingips/" + id);
      default -> null;
    });
  }

  /** The template's name of a resource, as HeatTemplate names it: its kind and key. */
  private static String name(ResourceId id) {
    return id.kind().name().toLowerCase(Locale.ROOT) + "_" + id.key();
  }

  private static Set<String> outputKeys(JsonNode stack) {
    return StreamSupport.stream(stack.path("outputs").spliterator(), false).map(o -> o.path("output_key").asText())
        .collect(Collectors.toSet());
  }
}
