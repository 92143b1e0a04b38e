package dev.stackwright;

import java.util.List;

/**
 * A topology that cannot be built. It carries every problem found, so a user with five mistakes learns about all five
 * in one run, before anything talks to a cloud.
 */
public class InvalidClusterException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public InvalidClusterException(String clusterName, List<Problem> problems) {
    super(format(clusterName, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order the topology declares things. Never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(String clusterName, List<Problem> problems) {
    StringBuilder s = new StringBuilder("Cluster \"").append(clusterName).append("\" is invalid (")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
        .append("). Validation failed with the following errors:");
    for (Problem p : problems) {
      s.append("\n  ").append(p);
    }
    return s.toString();
  }
}
