package dev.stackwright;

import java.util.Optional;

/**
 * A template that cannot be rendered: a syntax error, or a name the template uses that the renderer does not provide.
 * It names the template and the line, and the node it was being rendered for. Its message never contains a secret.
 */
public class RenderException extends StackwrightException {
  private static final long serialVersionUID = 1L;

  private final String template;
  private final int line;
  private final String node;

  public RenderException(String template, int line, String node, String message) {
    super(format(template, line, node, message));
    this.template = template;
    this.line = line;
    this.node = node;
  }

  /** The template's name, such as {@code nginx/webserver.conf.jinja}. */
  public String template() {
    return template;
  }

  /** The 1-based line of the template the error is on; 0 when the template engine did not say. */
  public int line() {
    return line;
  }

  /** The node the template was being rendered for. */
  public Optional<String> node() {
    return Optional.ofNullable(node);
  }

  private static String format(String template, int line, String node, String message) {
    return "template \"" + template + "\"" + (line > 0 ? " line " + line : "")
        + (node == null ? "" : " (rendering for node " + node + ")") + ": " + message;
  }
}
