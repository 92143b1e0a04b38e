package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Problem;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * "As strictly as a built-in", the other way round: stackwright's own services pass every rule a service of the
 * user's own is held to (all but what only the built-ins may say), so those rules ask nothing the built-ins do not
 * meet.
 */
class BuiltInsAsStrictlyTest {

  static List<Service> builtIns() {
    return BuiltInServices.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtIns")
  void aBuiltInPassesTheRulesOfAServiceOfTheUsersOwn(Service builtIn) {
    // given
    Problems problems = new Problems();

    // when
    ServiceRules.checkAsStrictly(new ServiceCatalogue(), List.of(builtIn), problems);

    // then
    assertThat(problems.all()).extracting(Problem::toString).isEmpty();
  }

  @Test
  void theBuiltInsTogetherHaveNoStartOrderCycleNorSharedSetting() {
    // given
    Problems problems = new Problems();

    // when
    ServiceRules.checkAsStrictly(new ServiceCatalogue(), BuiltInServices.all(), problems);

    // then
    assertThat(problems.all()).extracting(Problem::toString).isEmpty();
  }

  @Test
  void aBuiltInBrokenTheWayAUsersServiceIsRefusedIsRefusedToo() {
    // given the broker with a secret file owned by a user it does not have
    Service broker = BuiltInServices.BROKER;
    Service broken = Service.builder(broker.name()).from(broker).users(List.of()).build();
    Problems problems = new Problems();

    // when
    ServiceRules.checkAsStrictly(new ServiceCatalogue(), List.of(broken), problems);

    // then
    assertThat(problems.all()).extracting(Problem::path).contains("service[broker].file[2].owner");
  }
}
