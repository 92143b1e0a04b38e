package dev.stackwright.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.engine.Engine;
import dev.stackwright.engine.Topologies;
import dev.stackwright.model.Cluster;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.spi.FloatingIpSpec;
import dev.stackwright.spi.PortSpec;
import dev.stackwright.spi.ResourceSpec;
import dev.stackwright.spi.SecurityGroupSpec;
import dev.stackwright.spi.ServerGroupSpec;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The template of the seed with floating IPs, read back by a YAML parser, against the resources the engine derives. */
class HeatTemplateTest {
  private static final Cluster SEED = Topologies.exposed("seed");
  private static final RenderedCluster RENDERED = Topologies.renderer().render(SEED);
  private static final List<ResourceSpec> SPECS = Engine.resources(SEED, RENDERED, "anti-affinity");

  @Test
  void everyResourceTheEngineDerivesIsOneOfTheTemplateWithItsHeatType() {
    // when
    Map<String, Object> resources = map(parsed().get("resources"));

    // then
    for (ResourceSpec spec : SPECS) {
      String name = spec.id().kind().name().toLowerCase(Locale.ROOT) + "_" + spec.id().key();
      assertThat(resources).as(spec.id().toString()).containsKey(name);
      assertThat(map(resources.get(name)).get("type")).isEqualTo(heatType(spec));
    }
    long rules = SPECS.stream().filter(s -> s instanceof SecurityGroupSpec)
        .mapToLong(s -> ((SecurityGroupSpec) s).rules().size()).sum();
    assertThat(resources).hasSize(SPECS.size() + (int) rules);
  }

  @Test
  void everyResourceOrAttributeATemplateValueNamesIsOneOfTheTemplate() {
    // given
    Map<String, Object> template = parsed();
    List<String> named = new ArrayList<>();

    // when
    collect(template.get("resources"), "get_resource", named);
    collect(template.get("outputs"), "get_attr", named);

    // then
    assertThat(named).isNotEmpty().allSatisfy(n -> assertThat(map(template.get("resources"))).containsKey(n));
  }

  @Test
  void everyParameterIsUsedAndEveryUsedOneIsDeclared() {
    // given
    Map<String, Object> template = parsed();
    List<String> used = new ArrayList<>();

    // when
    collect(template.get("resources"), "get_param", used);

    // then
    assertThat(new HashSet<>(used)).isEqualTo(map(template.get("parameters")).keySet())
        .containsExactlyInAnyOrder("key_name", "network", "external_network", "image");
    assertThat(HeatTemplate.of(SEED, Topologies.renderer()).parameters()).containsEntry("network",
        java.util.Optional.of(SEED.internalNetworkName())).containsEntry("key_name", java.util.Optional.empty());
  }

  @Test
  void eachServerReadsBackWithTheRenderedUserDataUnchangedAndRaw() {
    // when
    Map<String, Object> resources = map(parsed().get("resources"));

    // then
    for (ResourceSpec spec : SPECS) {
      if (spec instanceof ServerSpec server) {
        Map<String, Object> props = map(map(resources.get("server_" + server.name())).get("properties"));
        assertThat(props.get("user_data")).as(server.name()).isEqualTo(RENDERED.userData(server.name()));
        assertThat(props).containsEntry("user_data_format", "RAW").containsEntry("flavor", server.flavor());
      }
    }
  }

  @Test
  void aPortHasTheModelsFixedAddressesAndItsServicesGroups() {
    // when
    Map<String, Object> port = map(map(map(parsed().get("resources")).get("port_server_all-1")).get("properties"));

    // then
    assertThat((List<?>) port.get("fixed_ips")).extracting(ip -> map(ip).get("ip_address"))
        .containsExactlyInAnyOrder("10.0.11.1", "10.0.12.1", "10.0.20.1", "10.0.30.1");
    assertThat((List<?>) port.get("security_groups")).hasSize(4)
        .allSatisfy(g -> assertThat(map(g).get("get_resource").toString()).startsWith("security_group_"));
  }

  @Test
  void aWorkerJoinsItsHostKindsServerGroupWithThePolicyAsked() {
    // when
    Map<String, Object> resources = map(parse(HeatTemplate.of(SEED, Topologies.renderer(), "soft-anti-affinity")
        .toYaml()).get("resources"));

    // then
    assertThat(map(map(resources.get("server_worker-1")).get("properties")).get("scheduler_hints"))
        .isEqualTo(Map.of("group", Map.of("get_resource", "server_group_worker")));
    assertThat(map(map(resources.get("server_group_worker")).get("properties")).get("policies"))
        .isEqualTo(List.of("soft-anti-affinity"));
  }

  @Test
  void aServerGroupIsNotNamedAsTheEnginesOwnSoPlanAndDestroyLeaveItAlone() {
    // given
    ServerGroupSpec worker = SPECS.stream().filter(s -> s instanceof ServerGroupSpec).map(s -> (ServerGroupSpec) s)
        .filter(g -> g.id().key().equals("worker")).findFirst().orElseThrow();

    // when
    Object name = map(map(map(parsed().get("resources")).get("server_group_worker")).get("properties")).get("name");

    // then
    assertThat(name).isEqualTo("heat-" + worker.name());
    assertThat(dev.stackwright.spi.OwnedNames.keyOf(SEED.name(), dev.stackwright.spi.ResourceKind.SERVER_GROUP,
        name.toString(), false)).isEmpty();
    assertThat(dev.stackwright.spi.OwnedNames.keyOf(SEED.name(), dev.stackwright.spi.ResourceKind.SERVER_GROUP,
        worker.name(), false)).contains("worker");
  }

  @Test
  void aRuleFromAnotherGroupNamesThatGroupAndKeepsItsPurpose() {
    // given
    Map<String, Object> resources = map(parsed().get("resources"));

    // when
    List<Map<String, Object>> brokerRules = resources.values().stream().map(HeatTemplateTest::map)
        .filter(r -> r.get("type").equals("OS::Neutron::SecurityGroupRule")).map(r -> map(r.get("properties")))
        .filter(p -> p.get("security_group").equals(Map.of("get_resource", "security_group_broker"))).toList();

    // then
    assertThat(brokerRules).anySatisfy(p -> {
      assertThat(p).containsEntry("port_range_min", 5672).containsEntry("protocol", "tcp")
          .containsEntry("direction", "ingress").containsEntry("ethertype", "IPv4")
          .containsEntry("remote_group", Map.of("get_resource", "security_group_appserver"));
      assertThat(p.get("description").toString()).isNotBlank();
    });
  }

  @Test
  void theEntryPointsAreOutputsWithTheirFloatingIpsAddresses() {
    // when
    Map<String, Object> outputs = map(parsed().get("outputs"));

    // then
    assertThat(outputs).containsKeys("webserver-1_public_address", "controller-1_public_address",
        "webserver-1_addresses", "controller-1_addresses");
    assertThat(map(outputs.get("webserver-1_public_address")).get("value"))
        .isEqualTo(Map.of("get_attr", List.of("floating_ip_webserver-1", "floating_ip_address")));
  }

  @Test
  void theVersionIsAHotVersionZedReads() {
    // when
    Object version = parsed().get("heat_template_version");

    // then: YAML reads it as a date, as Heat's own templates write it
    assertThat(version.toString()).contains("2021");
    assertThat(HeatTemplate.of(SEED, Topologies.renderer()).toYaml()).contains("heat_template_version: 2021-04-16\n");
  }

  private static Map<String, Object> parsed() {
    return parse(HeatTemplate.of(SEED, Topologies.renderer()).toYaml());
  }

  static Map<String, Object> parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    return map(new Yaml(new SafeConstructor(options)).load(yaml));
  }

  private static String heatType(ResourceSpec spec) {
    if (spec instanceof SecurityGroupSpec) {
      return "OS::Neutron::SecurityGroup";
    } else if (spec instanceof ServerGroupSpec) {
      return "OS::Nova::ServerGroup";
    } else if (spec instanceof PortSpec) {
      return "OS::Neutron::Port";
    } else if (spec instanceof ServerSpec) {
      return "OS::Nova::Server";
    } else if (spec instanceof FloatingIpSpec) {
      return "OS::Neutron::FloatingIP";
    }
    throw new AssertionError("no Heat type known for " + spec.id());
  }

  /** Every argument of {@code function} in the tree (the first, for one that takes a list). */
  private static void collect(Object tree, String function, List<String> into) {
    if (tree instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (k.equals(function)) {
          into.add(v instanceof List<?> l ? l.get(0).toString() : v.toString());
        } else {
          collect(v, function, into);
        }
      });
    } else if (tree instanceof List<?> l) {
      l.forEach(item -> collect(item, function, into));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }
}
