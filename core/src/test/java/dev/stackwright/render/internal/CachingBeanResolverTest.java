package dev.stackwright.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.JoinFilter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELResolver;
import org.junit.jupiter.api.Test;

class CachingBeanResolverTest {
  /** Jinjava's own bean resolver, with its method look-up opened to the test. */
  private static final class Jinjavas extends JinjavaBeanELResolver {
    Jinjavas() {
      super(true);
    }

    Method find(Object base, String name, Object... params) {
      return findMethod(base, name, null, params, params.length);
    }
  }

  private static Method find(CachingBeanResolver resolver, Object base, String name, Object... params) {
    return resolver.findMethod(base, name, null, params, params.length);
  }

  @SuppressWarnings("unchecked")
  private static List<ELResolver> chain(ELResolver composite) throws ReflectiveOperationException {
    Field resolvers = CompositeELResolver.class.getDeclaredField("resolvers");
    resolvers.setAccessible(true);
    return (List<ELResolver>) resolvers.get(composite);
  }

  @Test
  void aFilterCallResolvesToTheMethodJinjavasResolverPicks() {
    // given
    JoinFilter filter = new JoinFilter();
    Object[][] calls = {{List.of("a"), null}, {List.of("a"), null, ", "}, {"text", null, ", ", "x"}};

    for (Object[] params : calls) {
      // when
      Method cached = find(new CachingBeanResolver(), filter, "filter", params);

      // then
      assertThat(cached).isEqualTo(new Jinjavas().find(filter, "filter", params));
    }
  }

  @Test
  void argumentsOfAnotherClassAreLookedUpAgainNotAnsweredFromTheCache() {
    // given: String.indexOf has an int and a String variant of one argument
    CachingBeanResolver resolver = new CachingBeanResolver();
    Method byString = find(resolver, "abc", "indexOf", "b");

    // when
    Method byInt = find(resolver, "abc", "indexOf", 98);

    // then
    assertThat(byString.getParameterTypes()).containsExactly(String.class);
    assertThat(byInt).isEqualTo(new Jinjavas().find("abc", "indexOf", 98));
    assertThat(byInt.getParameterTypes()).containsExactly(int.class);
  }

  @Test
  void theChainIsJinjavasDefaultReadOnlyOneAfterTheFilterCallResolver() throws ReflectiveOperationException {
    // given
    List<ELResolver> jinjavas = chain(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);

    // when
    List<ELResolver> ours = chain(Templates.resolver());

    // then
    assertThat(ours.get(0)).isInstanceOf(FilterCallResolver.class);
    assertThat(ours.subList(1, ours.size()).stream().map(r -> r instanceof CachingBeanResolver
        ? JinjavaBeanELResolver.class : r.getClass()).toList())
        .isEqualTo(jinjavas.stream().map(Object::getClass).toList());
  }
}
