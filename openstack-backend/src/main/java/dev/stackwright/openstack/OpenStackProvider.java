package dev.stackwright.openstack;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import java.util.Map;
import java.util.Optional;

/**
 * Lets the command line ({@code dev.stackwright.cli.Cli}) find the OpenStack backend: {@code --backend openstack},
 * and the default whenever {@code OS_*} variables or {@code OS_CLOUD} name a cloud.
 */
public final class OpenStackProvider implements BackendProvider {
  @Override
  public String name() {
    return "openstack";
  }

  @Override
  public Optional<Backend> fromEnvironment(Map<String, String> environment) {
    return OpenStackCredentials.fromEnvironment(environment)
        .map(c -> OpenStackBackend.builder().credentials(c).build());
  }
}
