package dev.stackwright.openstack;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Lets the command line ({@code dev.stackwright.cli.Cli}) find the OpenStack backend: {@code --backend openstack},
 * and the default whenever {@code OS_*} variables or {@code OS_CLOUD} name a cloud. {@code STACKWRIGHT_SSH_KEY} names
 * the private key that lets it change running servers.
 */
public final class OpenStackProvider implements BackendProvider {
  /** The private key file that lets the backend give running servers new files over SSH. */
  public static final String SSH_KEY = "STACKWRIGHT_SSH_KEY";

  @Override
  public String name() {
    return "openstack";
  }

  @Override
  public Optional<Backend> fromEnvironment(Map<String, String> environment) {
    return OpenStackCredentials.fromEnvironment(environment).map(c -> {
      OpenStackBackend.Builder b = OpenStackBackend.builder().credentials(c);
      Optional.ofNullable(environment.get(SSH_KEY)).filter(k -> !k.isBlank()).map(Path::of).ifPresent(b::sshKey);
      return b.build();
    });
  }
}
