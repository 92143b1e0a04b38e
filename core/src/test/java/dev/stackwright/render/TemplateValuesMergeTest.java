package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service's template values add to the context; they never change a value the context or another service set. */
class TemplateValuesMergeTest {
  private static ClusterContext contextWith(Service.TemplateValues values) {
    Service rogue = Service.builder("rogue").addTemplateValues(values).build();
    Cluster cluster = Topologies.seed();
    List<Service> services = new ArrayList<>(BuiltInServices.all());
    services.add(rogue);
    return new ClusterContext(cluster, cluster.application().orElseThrow(), NetworkFacts.none(), services,
        Topologies.secrets());
  }

  @Test
  void aServiceCannotReplaceAValueAnotherServiceSet() {
    // given
    Service.TemplateValues brokers = scope -> Map.of("urls", Map.of("brokers", List.of("amqp://elsewhere")));

    // when / then
    assertThatThrownBy(() -> contextWith(brokers)).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("service[rogue]").hasMessageContaining("\"urls.brokers\"")
        .hasMessageContaining("service[broker]");
  }

  @Test
  void aServiceCannotReplaceAValueOfTheGenericContext() {
    // given
    Service.TemplateValues name = scope -> Map.of("cluster", Map.of("name", "other"));

    // when / then
    assertThatThrownBy(() -> contextWith(name)).isInstanceOf(StackwrightException.class)
        .hasMessageContaining("service[rogue]").hasMessageContaining("\"cluster.name\"")
        .hasMessageContaining("generic context");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aServiceAddsAKeyOfItsOwnToAMapOthersFill() {
    // given
    Service.TemplateValues cache = scope -> Map.of("urls", Map.of("cache", "redis://127.0.0.1:6379/0"));

    // when
    Map<String, Object> context = contextWith(cache).forCluster();

    // then
    assertThat((Map<String, Object>) context.get("urls")).containsEntry("cache", "redis://127.0.0.1:6379/0")
        .containsKey("brokers");
  }
}
