package dev.stackwright.nodes.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the host's tools (ip, nsenter, mount, nft), each bounded in time. */
public final class Host {
  /** What a command said. */
  public record Result(int exit, String output) {
    public boolean ok() {
      return exit == 0;
    }
  }

  /** A host command failed: names the command, its exit and what it printed. */
  public static final class CommandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailed(List<String> command, Result r) {
      super(String.join(" ", command) + " exited " + r.exit() + ": " + r.output().strip());
    }
  }

  private static final Duration DEFAULT = Duration.ofSeconds(30);

  private Host() {}

  /** Runs {@code command}, throwing {@link CommandFailed} unless it exits 0. */
  public static String ok(String... command) {
    List<String> cmd = List.of(command);
    Result r = run(cmd, null, DEFAULT);
    if (!r.ok()) {
      throw new CommandFailed(cmd, r);
    }
    return r.output();
  }

  /** Runs {@code command} with {@code input} on its standard input, throwing unless it exits 0. */
  public static String okWithInput(String input, String... command) {
    List<String> cmd = List.of(command);
    Result r = run(cmd, input, DEFAULT);
    if (!r.ok()) {
      throw new CommandFailed(cmd, r);
    }
    return r.output();
  }

  /** Runs {@code command}; its output is standard output and error together. A timeout kills it (exit -1). */
  public static Result run(List<String> command, String input, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      // a thread of its own: the common pool has one thread on two cores, and a command that waits would hold it
      FutureTask<String> out = new FutureTask<>(() -> readAll(p.getInputStream()));
      Thread reader = new Thread(out, "nodes-host-output");
      reader.setDaemon(true);
      reader.start();
      try (var in = p.getOutputStream()) {
        if (input != null) {
          in.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeout.toSeconds() + " s");
      }
      return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      return new Result(-1, "cannot read what " + command.get(0) + " printed: " + e);
    } catch (IOException e) {
      return new Result(127, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
