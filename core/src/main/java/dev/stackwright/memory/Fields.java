package dev.stackwright.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON object of the state file, read with the field's place in every error ({@code resources[3].spec.name is
 * missing}), so that a file edited by hand is refused with where it went wrong.
 */
record Fields(String where, Map<String, Object> map) {

  /** {@code value} as an object found at {@code where}. */
  @SuppressWarnings("unchecked")
  static Fields of(String where, Object value) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(where + " is not an object");
    }
    return new Fields(where, (Map<String, Object>) value);
  }

  String string(String key) {
    return optionalString(key).orElseThrow(() -> new IllegalArgumentException(where + "." + key + " is missing"));
  }

  Optional<String> optionalString(String key) {
    Object v = map.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(where + "." + key + " is not a string: " + v);
    }
    return Optional.of(s);
  }

  long number(String key) {
    if (!(map.get(key) instanceof Long n)) {
      throw new IllegalArgumentException(where + "." + key + " is not a whole number: " + map.get(key));
    }
    return n;
  }

  int integer(String key) {
    long n = number(key);
    if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where + "." + key + " is out of range: " + n);
    }
    return (int) n;
  }

  Fields object(String key) {
    return of(where + "." + key, map.get(key));
  }

  /** The array under {@code key}; an absent one is empty. */
  List<Object> list(String key) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(where + "." + key + " is not an array");
    }
    return List.copyOf(list);
  }

  /** The array of strings under {@code key}; an absent one is empty. */
  List<String> strings(String key) {
    List<Object> list = list(key);
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String)) {
        throw new IllegalArgumentException(where + "." + key + "[" + i + "] is not a string");
      }
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** The object of strings under {@code key}; an absent one is empty. */
  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map.get(key) == null) {
      return out;
    }
    Fields inner = object(key);
    inner.map().keySet().forEach(k -> out.put(k, inner.string(k)));
    return out;
  }

  /** The objects of the array under {@code key}, each knowing its place. */
  List<Fields> objects(String key) {
    List<Object> list = list(key);
    return java.util.stream.IntStream.range(0, list.size())
        .mapToObj(i -> of(where + "." + key + "[" + i + "]", list.get(i))).toList();
  }
}
