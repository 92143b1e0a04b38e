package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.services.BuiltInServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartOrderTest {
  private static final Service CACHE = Service.builder("cache").port(ServicePort.tcp("cache", 6379))
      .openTo("appserver", "cache", "the app caches").build();
  private static final Service AUDIT = Service.builder("audit").addAfter("worker").build();

  /** The first instance of {@code s}, from the seed, or the seed with a role of it when it is not stackwright's. */
  private static RoleInstance role(Service s) {
    boolean own = BuiltInServices.all().contains(s);
    return (own ? Topologies.seed() : Topologies.seedWith(s)).instances(s).get(0);
  }

  private static List<String> order(Service... onNode) {
    List<RoleInstance> roles = new ArrayList<>();
    for (Service s : onNode) {
      roles.add(role(s));
    }
    List<Service> all = new ArrayList<>(BuiltInServices.all());
    all.addAll(List.of(CACHE, AUDIT));
    return StartOrder.of(roles, all).stream().map(RoleInstance::role).toList();
  }

  @Test
  void theSeedsServerAllStartsItsDatabaseAndBrokerBeforeItsAppServerAndStaticFiles() {
    // when
    List<String> order = order(BuiltInServices.APPSERVER, BuiltInServices.STATIC, BuiltInServices.BROKER,
        BuiltInServices.DATABASE);

    // then
    assertThat(order).containsExactly("database", "broker", "appserver", "static");
  }

  @Test
  void aServiceStartsBeforeTheServicesThatConnectToItWhicheverIsDeclaredFirst() {
    // when
    List<String> order = order(BuiltInServices.APPSERVER, CACHE);

    // then
    assertThat(order).containsExactly("cache", "appserver");
  }

  @Test
  void aServiceStartsAfterTheOnesItNamesInAfter() {
    // when
    List<String> order = order(AUDIT, BuiltInServices.WORKER);

    // then
    assertThat(order).containsExactly("worker", "audit");
  }

  @Test
  void servicesFreeToStartAtOnceGoInTheOrderOfTheBuiltInsThenTheUsers() {
    // when
    List<String> order = order(CACHE, BuiltInServices.BROKER, BuiltInServices.DATABASE);

    // then
    assertThat(order).containsExactly("database", "broker", "cache");
  }
}
