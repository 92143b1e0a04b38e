package dev.stackwright.surface;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a module's API lines must not hold, each rule the lines that break it (empty when none does). */
public final class ApiRules {
  private static final Pattern OUR_TYPE = Pattern.compile("dev\\.stackwright(?:\\.[a-z]\\w*)*\\.[A-Z][\\w$]*");
  private static final Pattern GENERATED = Pattern.compile("[.$]Immutable[A-Z]");

  private ApiRules() {}

  /** Lines naming a type of an {@code internal} package. */
  public static List<String> mentionsOfInternalTypes(List<String> lines) {
    return lines.stream().filter(line -> line.contains(".internal.")).toList();
  }

  /** Lines naming a class Immutables generated: users reach those through the abstract type and its Builder. */
  public static List<String> mentionsOfGeneratedTypes(List<String> lines) {
    return lines.stream().filter(line -> GENERATED.matcher(line).find()).toList();
  }

  /** Lines naming a type of ours that code outside its package cannot name (package-private, nested private...). */
  public static List<String> mentionsOfHiddenTypes(List<String> lines, ClassLoader loader) {
    List<String> hidden = new ArrayList<>();
    for (String line : lines) {
      Matcher type = OUR_TYPE.matcher(line);
      while (type.find()) {
        if (!ApiDump.isApi(load(type.group(), loader))) {
          hidden.add(line + "  <- " + type.group());
        }
      }
    }
    return hidden;
  }

  /** Lines naming a type whose name starts with {@code prefix}, such as a wrapped library's package. */
  public static List<String> mentionsOf(String prefix, List<String> lines) {
    return lines.stream().filter(line -> line.contains(prefix)).toList();
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("an API line names " + name + ", which does not load", e);
    }
  }
}
