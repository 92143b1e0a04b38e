package dev.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.ServicePort;
import org.junit.jupiter.api.Test;

/** The ports built-in daemons hold undeclared, which a service of the user's own may not take beside them. */
class HeldPortsTest {

  @Test
  void theBrokerHoldsEpmdAndRabbitMqsInterNodePort() {
    // when / then
    assertThat(BuiltInServices.heldPorts(BuiltInServices.BROKER)).extracting(ServicePort::number)
        .containsExactly(4369, 25672);
  }

  @Test
  void heldPortsAreNoDeclaredOnesSoNoSecurityRuleNorTemplateSeesThem() {
    // when / then
    BuiltInServices.all().forEach(s -> assertThat(BuiltInServices.heldPorts(s)).as(s.name())
        .noneMatch(held -> s.ports().stream().anyMatch(p -> p.number() == held.number())));
  }
}
