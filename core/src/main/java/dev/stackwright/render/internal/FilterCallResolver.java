package dev.stackwright.render.internal;

import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Answers, without an exception, the question Jinjava asks before every filter call and test. Jinjava turns
 * {@code x | yaml} into the method call {@code filter:yaml.filter(x, interpreter)}, and before invoking a method it
 * looks the method's name up as a property of the filter ({@code JinjavaInterpreterResolver.invoke}, in case it is a
 * callable macro). A filter has no property {@code filter}, so the bean resolver threw a
 * {@code PropertyNotFoundException}, stack trace and all, which Jinjava caught and took as "no property": once per
 * filter call, about 150,000 times for 10,000 nodes, and the biggest single cost of evaluating expressions.
 *
 * <p>Placed before Jinjava's resolvers, this one resolves exactly that look-up (the name of the method called on a
 * filter or a test) to {@code null} and marks it resolved, which is what Jinjava made of the exception: the value is
 * not a callable, so the method is then invoked as before. Every other look-up is left to Jinjava's resolvers.
 */
final class FilterCallResolver extends ELResolver {
  /** The methods Jinjava's EL calls on filters and tests. */
  private static final Set<String> FILTER_METHODS = Set.of("filter");
  private static final Set<String> TEST_METHODS = Set.of("evaluate", "evaluateNegated");

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (property instanceof String name && ((base instanceof Filter && FILTER_METHODS.contains(name))
        || (base instanceof ExpTest && TEST_METHODS.contains(name)))) {
      context.setPropertyResolved(true);
    }
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return Collections.emptyIterator();
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return false;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {}
}
