package dev.stackwright.nodes;

import dev.stackwright.StackwrightException;

/** The nodes backend cannot run here: it needs root and systemd-nspawn; the message says which is missing. */
public final class NodesUnavailableException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  public NodesUnavailableException(String message) {
    super(message);
  }
}
