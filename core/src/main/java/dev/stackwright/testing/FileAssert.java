package dev.stackwright.testing;

import dev.stackwright.Closest;
import dev.stackwright.render.RenderedFile;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Assertions on one rendered file: its text, mode, owner and whether it is secret. A failure names the node and the
 * path, and for a file that is not secret shows the nearest line; of a secret file it shows neither the content nor
 * the text looked for. {@link #and()} goes back to the node's files.
 */
public final class FileAssert {
  private final NodeAssert node;
  private final RenderedFile file;

  FileAssert(NodeAssert node, RenderedFile file) {
    this.node = node;
    this.file = file;
  }

  /** A line equal to {@code line} once leading and trailing blanks are ignored. */
  public FileAssert containsLine(String line) {
    List<String> lines = lines();
    if (!lines.contains(line.strip())) {
      throw new AssertionError("expected " + RenderedAssert.where(file) + " to contain the line\n  " + shown(line)
          + nearestLine(line));
    }
    return this;
  }

  /** Every one of {@code lines}. */
  public FileAssert containsLines(String... lines) {
    for (String l : lines) {
      containsLine(l);
    }
    return this;
  }

  /** {@code text} appears somewhere, within a line or across lines. */
  public FileAssert contains(String text) {
    if (!file.content().contains(text)) {
      throw new AssertionError("expected " + RenderedAssert.where(file) + " to contain\n  " + shown(text)
          + nearestLine(text));
    }
    return this;
  }

  /** {@code text} appears nowhere; a failure names the first line that has it. */
  public FileAssert doesNotContain(String text) {
    if (file.content().contains(text)) {
      String at = file.secret() ? "" : lines().stream().filter(l -> l.contains(text)).findFirst()
          .map(l -> "\nit is in the line\n  " + l).orElse("\nit spans lines");
      throw new AssertionError("expected " + RenderedAssert.where(file) + " not to contain\n  " + shown(text) + at);
    }
    return this;
  }

  /**
   * {@code regex} is found in the content, as {@code grep -E} finds it: anywhere, {@code ^} and {@code $} at each
   * line's start and end, so {@code "^listen 80;$"} asks for a whole line.
   */
  public FileAssert matches(String regex) {
    if (!pattern(regex).matcher(file.content()).find()) {
      throw new AssertionError("expected " + RenderedAssert.where(file) + " to match\n  " + shown(regex)
          + nearestLine(regex));
    }
    return this;
  }

  /** {@code regex} is found nowhere in the content (as {@link #matches} would find it). */
  public FileAssert doesNotMatch(String regex) {
    java.util.regex.Matcher m = pattern(regex).matcher(file.content());
    if (m.find()) {
      throw new AssertionError("expected " + RenderedAssert.where(file) + " not to match\n  " + shown(regex)
          + (file.secret() ? "" : "\nbut it has\n  " + m.group()));
    }
    return this;
  }

  /** The permission bits, written in octal as in {@code hasMode(0640)}; a secret file always has 0600. */
  public FileAssert hasMode(int mode) {
    if (file.mode() != mode) {
      throw new AssertionError("expected " + RenderedAssert.where(file) + " to have mode "
          + String.format("%04o", mode) + " but it has " + file.modeOctal());
    }
    return this;
  }

  /** The owner as {@code user:group}, such as {@code root:www-data}. */
  public FileAssert hasOwner(String userAndGroup) {
    if (!file.owner().equals(userAndGroup)) {
      throw new AssertionError("expected " + RenderedAssert.where(file) + " to be owned by " + userAndGroup
          + " but it is owned by " + file.owner());
    }
    return this;
  }

  /** The owner's user and group. */
  public FileAssert hasOwner(String user, String group) {
    return hasOwner(user + ":" + group);
  }

  /** The file holds a secret: mode 0600, never printed. */
  public FileAssert isSecret() {
    if (!file.secret()) {
      throw new AssertionError("expected " + RenderedAssert.where(file) + " to be secret but it is not ("
          + file.modeOctal() + " " + file.owner() + ")");
    }
    return this;
  }

  public FileAssert isNotSecret() {
    if (file.secret()) {
      throw new AssertionError("expected " + RenderedAssert.where(file) + " not to be secret but it is");
    }
    return this;
  }

  /** Back to the node's files, for the next {@code file(...)}. */
  public NodeAssert and() {
    return node;
  }

  private List<String> lines() {
    return Arrays.stream(file.content().split("\n")).map(String::strip).toList();
  }

  /** The text looked for, unless the file is secret: then it may be a secret itself. */
  private String shown(String text) {
    return file.secret() ? "(" + text.length() + " characters, not shown)" : text;
  }

  private String nearestLine(String text) {
    if (file.secret()) {
      return "";
    }
    String wanted = text.strip().split("\n", -1)[0];
    return "\nnearest line:\n  " + Closest.nearest(wanted, lines()).orElse("(the file is empty)");
  }

  private static Pattern pattern(String regex) {
    try {
      return Pattern.compile(regex, Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw new AssertionError("not a regular expression: " + e.getDescription() + " in \"" + regex + "\"");
    }
  }
}
