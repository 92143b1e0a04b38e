package dev.stackwright.local;

import java.util.List;

/**
 * How the local backend runs one service on one node: given a read-only view of the node (its mapped files, the
 * service's loopback address and ports, the run directory), the processes to start, each with where it answers, or
 * a process that is skipped or cannot run, with the reason. A service's descriptor carries its runner
 * ({@code Service.localRun()}); a service without one is reported as skipped.
 *
 * <p>The simple case is data: {@link LocalCommand}, a command line with placeholders. A runner is called once per
 * node and service on every apply, before anything starts; it must not start anything itself (a step that must run to
 * completion first is a {@link LocalProcess.Builder#setup() setup} process). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface LocalRunner {
  /** The processes that stand in for the service on {@code node}, in the order they are listed in the result. */
  List<LocalProcess> processes(LocalNode node);

  /**
   * Node paths the node's image would provide from the service's packages when the renderer does not write them: a
   * file is copied from this machine and mapped, a directory's files likewise (nginx's {@code mime.types}). None
   * unless said.
   */
  default List<String> imagePaths() {
    return List.of();
  }

  /** The runner of a command line with placeholders; see {@link LocalCommand}. */
  static LocalRunner command(String commandLine) {
    return new LocalCommand(commandLine);
  }
}
