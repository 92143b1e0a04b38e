package dev.stackwright.render;

import static dev.stackwright.render.internal.Shell.quote;

import java.util.ArrayList;
import java.util.List;

/**
 * The runcmd of a node's user-data: its steps, each recording its outcome. cloud-init runs runcmd as one sh script
 * without {@code set -e}, so a failed step would be hidden unless it were the last and {@code cloud-init status} would
 * say "done": here each step runs in bash with {@code -e -o pipefail}, a success is logged to {@value #STEPS}, a
 * failure of a required step to {@value #FAILED} as {@code name exit N}, a failed optional step to
 * {@value #NOT_INSTALLED} as {@code name: not installed, reason (exit N)}; and the last entry exits 1 when any required
 * step failed, so cloud-init reports the node's user-data as failed.
 */
final class RunSteps {
  static final String STATE = "/var/lib/stackwright";
  static final String STEPS = STATE + "/steps";
  static final String FAILED = STATE + "/failed-steps";
  static final String NOT_INSTALLED = STATE + "/not-installed";

  /**
   * Defines the step functions and starts the records afresh. The state directory may be moved by the environment
   * ({@code STACKWRIGHT_STATE}), which only tests do.
   */
  static final String PREAMBLE = String.join("\n",
      "SW=${STACKWRIGHT_STATE:-" + STATE + "}",
      "mkdir -p \"$SW\" && : > \"$SW/steps\" && : > \"$SW/failed-steps\" && : > \"$SW/not-installed\"",
      "sw_step() {",
      "  if bash -e -o pipefail -c \"$2\"; then echo \"$1 ok\" >> \"$SW/steps\"; else",
      "    rc=$?; echo \"$1 exit $rc\" >> \"$SW/failed-steps\"; echo \"$1 failed (exit $rc)\" >> \"$SW/steps\"",
      "    echo \"stackwright: step $1 failed with exit $rc\" >&2; fi",
      "}",
      "sw_optional() {",
      "  if bash -e -o pipefail -c \"$3\"; then echo \"$1 ok\" >> \"$SW/steps\"; else",
      "    rc=$?; echo \"$1: not installed, $2 (exit $rc)\" >> \"$SW/not-installed\"",
      "    echo \"$1 not installed (exit $rc)\" >> \"$SW/steps\"",
      "    echo \"stackwright: optional step $1 failed with exit $rc: $2\" >&2; fi",
      "}");

  /** The last entry: the script's exit status, and so cloud-init's, says whether a required step failed. */
  static final String FINISH = "if [ -s \"$SW/failed-steps\" ]; then echo \"stackwright: failed steps: "
      + "$(tr '\\n' ' ' < \"$SW/failed-steps\")\" >&2; exit 1; fi";

  private RunSteps() {}

  /** The runcmd entries, one per step between the preamble and the finish. */
  static List<String> runcmd(List<Step> steps) {
    List<String> entries = new ArrayList<>();
    entries.add(PREAMBLE);
    for (Step s : steps) {
      entries.add(s.optionalReason().map(reason -> "sw_optional " + s.name() + " " + quote(reason) + " "
          + quote(s.command())).orElseGet(() -> "sw_step " + s.name() + " " + quote(s.command())));
    }
    entries.add(FINISH);
    return entries;
  }
}
