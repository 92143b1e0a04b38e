package dev.stackwright.render;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Whether one template's render read a secret: the context's values that hold one (the secrets, and the values made
 * from them) are handed to the template through views that note every read of such a value, or any walk over a map
 * or list that holds one. A file whose render read a secret is a secret file, whatever its text shows: a filter such
 * as {@code | upper} or a hash would hide the value from a scan of the text. One per render, on one thread.
 */
final class SecretReads {
  private final List<String> secretValues;
  private boolean read;

  /** @param secretValues every secret and every value made from one */
  SecretReads(List<String> secretValues) {
    this.secretValues = secretValues;
  }

  /** True when the render read a secret. */
  boolean any() {
    return read;
  }

  /** True when {@code value} is, or holds anywhere inside, a text with a secret in it. */
  static boolean holds(Object value, List<String> secretValues) {
    // Loops, not streams: this runs for every value of every render's context.
    if (value instanceof String s) {
      for (String v : secretValues) {
        if (!v.isEmpty() && s.contains(v)) {
          return true;
        }
      }
      return false;
    }
    Collection<?> inside = value instanceof Map<?, ?> m ? m.values()
        : value instanceof Collection<?> c ? c : List.of();
    for (Object v : inside) {
      if (holds(v, secretValues)) {
        return true;
      }
    }
    return false;
  }

  /** {@code value} as the template gets it: a noting view when it holds a secret, else itself. */
  Object view(Object value) {
    return holds(value, secretValues) ? watched(value) : value;
  }

  /** A noting view of {@code value}, known to hold a secret (a global value found to, once per render). */
  Object watched(Object value) {
    if (value instanceof Map<?, ?> m) {
      return new MapView(m);
    }
    if (value instanceof List<?> l) {
      return new ListView(l);
    }
    return value;
  }

  /** The value as a template reads it: noted when it is a secret text, a view when it holds one. */
  private Object got(Object value) {
    if (value instanceof String && holds(value, secretValues)) {
      read = true;
    }
    return view(value);
  }

  private final class MapView extends AbstractMap<Object, Object> {
    private final Map<?, ?> map;

    MapView(Map<?, ?> map) {
      this.map = map;
    }

    @Override
    public Object get(Object key) {
      return got(map.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public Set<Object> keySet() {
      return new LinkedHashSet<>(map.keySet());
    }

    @Override
    public int size() {
      return map.size();
    }

    /** Any walk over the entries (a loop, printing the map, a copy) reads what they hold. */
    @Override
    @SuppressWarnings("unchecked")
    public Set<Entry<Object, Object>> entrySet() {
      read = true;
      return ((Map<Object, Object>) map).entrySet();
    }

    @Override
    public void forEach(BiConsumer<? super Object, ? super Object> action) {
      read = true;
      map.forEach(action);
    }
  }

  private final class ListView extends AbstractList<Object> {
    private final List<?> list;

    ListView(List<?> list) {
      this.list = list;
    }

    @Override
    public Object get(int index) {
      return got(list.get(index));
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
