package dev.stackwright.openstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a person does by hand: shell commands with the test cloud's openrc sourced and Debian's {@code openstack} CLI
 * first on the PATH (not a pyenv shim). For resources made outside stackwright and for the benchmark's baseline.
 */
public final class AsUser {
  private AsUser() {}

  /** Runs {@code script} in bash; {@code args} are its {@code $0}, {@code $1}... Its output, or an error with it. */
  public static String shell(String script, String... args) throws IOException, InterruptedException {
    String rc = System.getenv().getOrDefault(RealCloud.RC_VARIABLE, "/var/lib/stackwright-cloud/demo-openrc");
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", ". " + Path.of(rc) + " && export PATH=/usr/bin:$PATH && "
        + script));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .filter(l -> !l.contains("monkey patching")).collect(Collectors.joining("\n"));
    if (p.waitFor() != 0) {
      throw new IOException(script + " " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  /** One {@code openstack} CLI call with these arguments. */
  public static String openstack(String... args) throws IOException, InterruptedException {
    return shell("exec openstack \"$@\"", prepend("openstack", args));
  }

  /** Runs a script of the repository ({@code openstack-backend/bench/seed-by-hand.sh}) with these arguments. */
  public static String script(String path, String... args) throws IOException, InterruptedException {
    String file = Path.of("..").resolve(path).toAbsolutePath().normalize().toString();
    return shell("exec bash \"$0\" \"$@\"", prepend(file, args));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
