package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.NodeOperation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider takes the SSH key from the environment it is given, and a program's settings when configured. */
class OpenStackProviderSshTest {
  private final FakeOpenStack cloud = FakeOpenStack.start();
  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    cloud.close();
  }

  @Test
  void stackwrightSshKeyInTheEnvironmentGivesTheBackendReconfigure() throws Exception {
    // given
    Map<String, String> env = new HashMap<>(environment());
    env.put(OpenStackProvider.SSH_KEY, TestSshKey.in(dir).toString());

    // when
    Backend with = new OpenStackProvider().fromEnvironment(env).orElseThrow();
    Backend without = new OpenStackProvider().fromEnvironment(environment()).orElseThrow();

    // then
    assertThat(with.capabilities().can(NodeOperation.RECONFIGURE)).isTrue();
    assertThat(without.capabilities().can(NodeOperation.RECONFIGURE)).isFalse();
  }

  @Test
  void aConfiguredProvidersSettingsReachTheBackendItMakes() {
    // when
    Backend configured = OpenStackProvider.configured(b -> b.parallelism(3)).fromEnvironment(environment())
        .orElseThrow();
    Backend plain = new OpenStackProvider().fromEnvironment(environment()).orElseThrow();

    // then
    assertThat(configured.capabilities().parallelism()).isEqualTo(3);
    assertThat(plain.capabilities().parallelism()).isNotEqualTo(3);
  }

  private Map<String, String> environment() {
    return Map.of("OS_AUTH_URL", cloud.url() + "/v3", "OS_USERNAME", "demo", "OS_PASSWORD", "secret",
        "OS_PROJECT_NAME", "demo", "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default",
        "OS_REGION_NAME", "RegionOne");
  }
}
