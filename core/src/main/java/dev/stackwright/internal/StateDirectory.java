package dev.stackwright.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the command line keeps what it keeps on this machine, per cluster: the embedded cloud's state and the files
 * last applied (for {@code plan --diff}). One rule for both, so that pointing {@code STACKWRIGHT_STATE_DIR} elsewhere
 * moves them together.
 */
public final class StateDirectory {
  /** The environment variable that moves the directory; {@code .stackwright} in the working directory unless set. */
  public static final String VARIABLE = "STACKWRIGHT_STATE_DIR";

  private StateDirectory() {}

  /** The directory {@code environment} names, or {@code .stackwright}. */
  public static Path of(Map<String, String> environment) {
    String dir = environment.getOrDefault(VARIABLE, "");
    return dir.isEmpty() ? Path.of(".stackwright") : Path.of(dir);
  }
}
