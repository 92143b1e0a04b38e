package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the services' template values join the context: they add keys, and never change a value someone set. */
final class TemplateValueMerge {
  private TemplateValueMerge() {}

  /**
   * Adds {@code values} of service {@code by} to {@code into}: maps under one name are merged, and a value may not
   * replace one the generic context or another service set (it would change what every file using it says), unless it
   * is equal (services sharing a part name its paths alike).
   *
   * @param setBy which service set each dotted key so far; a key not in it is the generic context's
   */
  static void merge(Map<String, Object> into, Map<String, Object> values, String prefix, String by,
      Map<String, String> setBy) {
    merge(into, values, prefix, by, setBy, "templateValues");
  }

  /** As {@link #merge(Map, Map, String, String, Map)}, for values of the service's attribute {@code attribute}. */
  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> into, Map<String, Object> values, String prefix, String by,
      Map<String, String> setBy, String attribute) {
    values.forEach((key, value) -> {
      String path = prefix + key;
      Object there = into.get(key);
      if (there instanceof Map && value instanceof Map) {
        Map<String, Object> both = new LinkedHashMap<>((Map<String, Object>) there);
        merge(both, (Map<String, Object>) value, path + ".", by, setBy, attribute);
        into.put(key, both);
      } else if (there == null || there.equals(value)) {
        into.put(key, value);
        setBy.putIfAbsent(path, by);
      } else {
        String owner = setBy.containsKey(path) ? "service[" + setBy.get(path) + "]" : "stackwright's generic context";
        throw new StackwrightException("service[" + by + "]." + attribute + " sets \"" + path + "\", which " + owner
            + " already set to another value; a service may add keys but not change one another part set; fix: give"
            + " the value a key of its own, such as \"" + by + "." + key + "\"");
      }
    });
  }
}
