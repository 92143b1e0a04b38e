package dev.stackwright.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line the way systemd and sh do for the simple cases: spaces separate, single and double quotes
 * group (and are dropped). The one splitter of local command lines, unit {@code ExecStart}s and env file options.
 */
public final class CommandWords {
  private CommandWords() {}

  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        w = w == null ? new StringBuilder() : w;
      } else if (Character.isWhitespace(c)) {
        if (w != null) {
          out.add(w.toString());
          w = null;
        }
      } else {
        w = w == null ? new StringBuilder() : w;
        w.append(c);
      }
    }
    if (w != null) {
      out.add(w.toString());
    }
    return out;
  }
}
