package dev.stackwright.cli;

import dev.stackwright.engine.Outputs;
import dev.stackwright.local.LocalResult;
import dev.stackwright.model.Cluster;
import dev.stackwright.spi.BackendProvider;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verb {@code output}: the cluster's entry points as they are now, as text or ({@code --json}) as JSON only, the
 * same shape on a backend and on the local run; and the same block at the end of {@code apply}.
 */
final class OutputCommand {
  private final PrintStream out;

  OutputCommand(PrintStream out) {
    this.out = out;
  }

  /** Prints {@code outputs}, with the private key's path in the SSH commands when it is known. */
  int print(Outputs outputs, Options options, Map<String, String> environment) {
    Outputs shown = identityFile(environment, options.publicKey()).map(outputs::withIdentityFile).orElse(outputs);
    out.print(options.json() ? shown.toJson() : shown.render());
    return ExitCode.OK;
  }

  /** The local run's URLs in the shape of a backend's outputs: no floating IP, no SSH (its nodes are processes). */
  static Outputs local(Cluster model, LocalResult status) {
    return new Outputs(model.name(), LocalCommands.NAME, status.loadBalancerUrl(), status.controllerUrl(), List.of(),
        Optional.empty(), Optional.empty());
  }

  /**
   * The private key the servers' key pair goes with: the one the providers are given ({@link
   * BackendProvider#SSH_KEY_VARIABLE}), else the private half of {@code --public-key}, else, without that option, of
   * the default key ({@code ~/.ssh/id_ed25519.pub}, {@code id_rsa.pub}), when that file exists.
   */
  static Optional<Path> identityFile(Map<String, String> environment, Optional<Path> publicKey) {
    Optional<String> given = Optional.ofNullable(PublicKeys.withPrivateHalf(environment, publicKey)
        .get(BackendProvider.SSH_KEY_VARIABLE));
    if (given.isPresent() || publicKey.isPresent()) {
      // a --public-key without its private half beside it: the default key is not the servers'
      return given.map(Path::of);
    }
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
    return List.of("id_ed25519", "id_rsa").stream().map(n -> Path.of(home, ".ssh", n))
        .filter(p -> Files.isRegularFile(p.resolveSibling(p.getFileName() + ".pub")) && Files.isRegularFile(p))
        .findFirst();
  }
}
