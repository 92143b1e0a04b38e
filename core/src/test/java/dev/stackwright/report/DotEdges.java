package dev.stackwright.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edges of a DOT text as TopologyGraph writes them (one statement a line): their ends without the compass point
 * (the side of a row an edge leaves or enters by), and their attributes unescaped.
 */
record DotEdges(List<Edge> edges) {
  private static final Pattern EDGE = Pattern.compile("^\\s*(.+?) -> (.+?) \\[(.*)\\];$", Pattern.MULTILINE);
  private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One edge: its two ends as written (quoted ids, ports) and its attributes. */
  record Edge(String from, String to, Map<String, String> attributes) {
    String id() {
      return attributes.get("id");
    }

    /** The rule the edge draws: its id without the number a second pair of roles gets. */
    String rule() {
      return id().replaceFirst(" \\[\\d+]$", "");
    }

    /** Its label, beside the arrow head on a loop. */
    String label() {
      return attributes.getOrDefault("label", attributes.get("headlabel"));
    }
  }

  static DotEdges of(String dot) {
    List<Edge> edges = new ArrayList<>();
    Matcher m = EDGE.matcher(dot);
    while (m.find()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      Matcher a = ATTRIBUTE.matcher(m.group(3));
      while (a.find()) {
        attributes.put(a.group(1), a.group(2).replaceAll("\\\\(.)", "$1"));
      }
      edges.add(new Edge(withoutCompass(m.group(1)), withoutCompass(m.group(2)), attributes));
    }
    return new DotEdges(edges);
  }

  private static String withoutCompass(String end) {
    return end.replaceFirst(":[nsew]$", "");
  }
}
