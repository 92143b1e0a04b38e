package dev.stackwright.cli;

/** The exit codes of {@link Cli}: what a script calling a stackwright main can rely on. */
public final class ExitCode {
  /** Done: applied, destroyed, rendered, reported, or a plan without changes. */
  public static final int OK = 0;
  /** Some changes failed; the output names each and what was left undone. Running apply again finishes the job. */
  public static final int FAILED = 1;
  /** Bad usage, an invalid cluster, or a backend that cannot be reached; nothing was changed. */
  public static final int USAGE = 2;
  /** The person said no, or there was no one to ask and {@code --yes} was not given; nothing was changed. */
  public static final int ABORTED = 3;
  /** {@code plan --detailed-exitcode}: the plan has changes. */
  public static final int CHANGES_PENDING = 4;

  private ExitCode() {}
}
