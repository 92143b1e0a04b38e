package dev.stackwright.render;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Whether one node's render (or one cluster-wide file's) read a network fact that is pending: a node hook asking for
 * a pending MAC or floating IP ({@link Scope}), or a template reading a part of a value that differs when stand-ins
 * take the pending facts' place. Such a value reaches the template through a view that compares, on every read, the
 * value with its stand-in twin: equal parts are handed out as they are, a differing leaf notes the read, and any
 * walk over a differing map notes it too. A false "read" only makes a server wait for its port; a missed one would
 * boot it with stale user-data, so every doubt notes a read. One per render, on one thread.
 */
final class FactReads {
  private boolean read;

  /** True when the render read a pending fact, or a value made from one. */
  boolean any() {
    return read;
  }

  /** Notes a read of a pending fact. */
  void read() {
    read = true;
  }

  /**
   * {@code seen} (what the context holds for a value: itself, or a view that watches its secrets) as the template gets
   * it, given the value made from the known facts and the one made from the stand-ins, which differ.
   */
  Object view(Object seen, Object real, Object standIn) {
    if (real instanceof Map<?, ?> r && standIn instanceof Map<?, ?> s && seen instanceof Map<?, ?> m) {
      return new MapView(m, r, s);
    }
    if (real instanceof List<?> r && standIn instanceof List<?> s && seen instanceof List<?> l) {
      return new ListView(l, r, s);
    }
    // A text or number, or values of different shapes: no way to see a read of it, so it counts as read.
    read = true;
    return seen;
  }

  private Object part(Object seen, Object real, Object standIn) {
    return Objects.equals(real, standIn) ? seen : view(seen, real, standIn);
  }

  private final class MapView extends AbstractMap<Object, Object> {
    private final Map<?, ?> seen;
    private final Map<?, ?> real;
    private final Map<?, ?> standIn;

    MapView(Map<?, ?> seen, Map<?, ?> real, Map<?, ?> standIn) {
      this.seen = seen;
      this.real = real;
      this.standIn = standIn;
    }

    @Override
    public Object get(Object key) {
      return part(seen.get(key), real.get(key), standIn.get(key));
    }

    @Override
    public boolean containsKey(Object key) {
      if (real.containsKey(key) != standIn.containsKey(key)) {
        read = true;
      }
      return seen.containsKey(key);
    }

    @Override
    public Set<Object> keySet() {
      if (!real.keySet().equals(standIn.keySet())) {
        read = true;
      }
      return new LinkedHashSet<>(seen.keySet());
    }

    @Override
    public int size() {
      if (real.size() != standIn.size()) {
        read = true;
      }
      return seen.size();
    }

    /** Any walk over the entries (a loop, printing the map, a copy) reads every part, the differing one too. */
    @Override
    @SuppressWarnings("unchecked")
    public Set<Entry<Object, Object>> entrySet() {
      read = true;
      return ((Map<Object, Object>) seen).entrySet();
    }

    @Override
    public void forEach(BiConsumer<? super Object, ? super Object> action) {
      read = true;
      seen.forEach(action);
    }
  }

  private final class ListView extends AbstractList<Object> {
    private final List<?> seen;
    private final List<?> real;
    private final List<?> standIn;

    ListView(List<?> seen, List<?> real, List<?> standIn) {
      this.seen = seen;
      this.real = real;
      this.standIn = standIn;
    }

    @Override
    public Object get(int index) {
      if (index >= standIn.size() || index >= real.size()) {
        read = true;
        return seen.get(index);
      }
      return part(seen.get(index), real.get(index), standIn.get(index));
    }

    /** A loop asks the size first: a list whose length depends on a pending fact (pending DHCP leases) is read. */
    @Override
    public int size() {
      if (real.size() != standIn.size()) {
        read = true;
      }
      return seen.size();
    }
  }
}
