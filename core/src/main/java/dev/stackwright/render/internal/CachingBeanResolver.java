package dev.stackwright.render.internal;

import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jinjava's bean resolver, remembering which method a call resolves to. For a call such as {@code x | yaml} (Jinjava
 * makes it {@code filter:yaml.filter(x, interpreter)}), Jinjava 2.8.4's {@code findMethod} copies every public method
 * of the filter's class ({@code Class.getMethods}) and picks one by the name, the count and the classes of the
 * arguments: a fifth of a 10,000-node render's allocation went to those copies. What it picks depends on nothing else
 * (the class, the name, and each argument's class or null; no declared types here), so the answer is kept per that key
 * and the rest of the call (coercing and invoking) is Jinjava's as before.
 */
final class CachingBeanResolver extends JinjavaBeanELResolver {
  /** More call shapes than this (templates calling methods of ever new classes) empties the cache. */
  private static final int MAX_SHAPES = 1024;

  private final Map<Shape, Optional<Method>> methods = new ConcurrentHashMap<>();

  /** Read-only, as Jinjava's default resolver chain has it. */
  CachingBeanResolver() {
    super(true);
  }

  @Override
  protected Method findMethod(Object base, String name, Class<?>[] types, Object[] params, int paramCount) {
    if (types != null) {
      return super.findMethod(base, name, types, params, paramCount);
    }
    Shape shape = Shape.of(base, name, params, paramCount);
    Optional<Method> method = methods.get(shape);
    if (method == null) {
      method = Optional.ofNullable(super.findMethod(base, name, null, params, paramCount));
      if (methods.size() >= MAX_SHAPES) {
        methods.clear();
      }
      methods.putIfAbsent(shape, method);
    }
    return method.orElse(null);
  }

  /** What Jinjava's choice of a method depends on: the class, the name, and each argument's class (null for null). */
  private record Shape(Class<?> base, String name, int paramCount, List<Class<?>> params) {
    static Shape of(Object base, String name, Object[] params, int paramCount) {
      Class<?>[] classes = new Class<?>[params.length];
      for (int i = 0; i < params.length; i++) {
        classes[i] = params[i] == null ? null : params[i].getClass();
      }
      return new Shape(base.getClass(), name, paramCount, Arrays.asList(classes));
    }
  }
}
