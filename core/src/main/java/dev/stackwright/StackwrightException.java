package dev.stackwright;

/**
 * The root of every exception stackwright throws. It is unchecked: a caller catches it where it can do something
 * useful, and everywhere else it reaches the user with a message that says what went wrong, where, and the fix.
 */
public class StackwrightException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackwrightException(String message) {
    super(message);
  }

  public StackwrightException(String message, Throwable cause) {
    super(message, cause);
  }
}
