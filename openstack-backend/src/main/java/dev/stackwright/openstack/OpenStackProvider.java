package dev.stackwright.openstack;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.BackendProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Lets the command line ({@code dev.stackwright.cli.Cli}) find the OpenStack backend: {@code --backend openstack},
 * and the default whenever {@code OS_*} variables or {@code OS_CLOUD} name a cloud. {@code STACKWRIGHT_SSH_KEY} names
 * the private key that lets it change running servers. A program that wants other settings for the command line's
 * backend (timeouts, retries, a proxy, a bastion...) gives {@code Cli.builder().provider(OpenStackProvider.configured(
 * b -> b.timeouts(...)))}.
 */
public final class OpenStackProvider implements BackendProvider {
  /** The private key file that lets the backend give running servers new files over SSH. */
  public static final String SSH_KEY = "STACKWRIGHT_SSH_KEY";

  private final Consumer<OpenStackBackend.Builder> settings;

  /** For the ServiceLoader: the backend as the environment gives it. */
  public OpenStackProvider() {
    this(b -> { });
  }

  private OpenStackProvider(Consumer<OpenStackBackend.Builder> settings) {
    this.settings = settings;
  }

  /**
   * A provider whose backends get {@code settings} after what the environment gives them (an SSH key, which settings
   * may replace; the credentials, which stay the environment's): for a program's command line, through
   * {@code Cli.builder().provider(...)}, where it wins over the ServiceLoader's provider of the same name.
   */
  public static OpenStackProvider configured(Consumer<OpenStackBackend.Builder> settings) {
    return new OpenStackProvider(Objects.requireNonNull(settings, "settings"));
  }

  @Override
  public String name() {
    return "openstack";
  }

  @Override
  public Optional<Backend> fromEnvironment(Map<String, String> environment) {
    return OpenStackCredentials.fromEnvironment(environment).map(c -> {
      OpenStackBackend.Builder b = OpenStackBackend.builder().credentials(c);
      Optional.ofNullable(environment.get(SSH_KEY)).filter(k -> !k.isBlank()).map(Path::of).ifPresent(b::sshKey);
      settings.accept(b);
      return b.credentials(c).build();
    });
  }
}
