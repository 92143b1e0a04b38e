package dev.stackwright.render;

import java.util.Optional;

/**
 * One command of a node's user-data, run by {@link RunSteps} under bash with {@code -e -o pipefail}, so a failure
 * anywhere in it (a pipe's first command too) fails the step. A required step that fails fails the node; an optional
 * one is recorded as not installed, with {@code reason}, and the node carries on.
 *
 * @param name what the node's records call it: lower-case letters, digits, '.' and '-'
 * @param command a bash script; it may span several commands joined by {@code &&} or newlines
 * @param optionalReason empty for a required step; for an optional one, what is missing when it fails
 */
record Step(String name, String command, Optional<String> optionalReason) {
  Step {
    if (!isName(name)) {
      throw new IllegalArgumentException("step name \"" + name + "\" is not lower-case letters, digits, '.' and "
          + "'-'");
    }
  }

  /** {@code [a-z0-9][a-z0-9.-]*}, checked by hand: a step is made for every command of every node. */
  private static boolean isName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  static Step of(String name, String command) {
    return new Step(name, command, Optional.empty());
  }

  /** A step whose failure leaves the node working without what it installs, such as Flower from a package index. */
  static Step optional(String name, String reason, String command) {
    return new Step(name, command, Optional.of(reason));
  }
}
