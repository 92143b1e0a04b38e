package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSurfaceTest {
  private static final List<Class<?>> API = List.of(Renderer.class, Renderer.Builder.class, RenderedCluster.class,
      RenderedFile.class, NetworkFacts.class, NetworkFacts.Builder.class, Secret.class, SecretName.class,
      SecretSource.class);

  @Test
  void noPublicSignatureOfTheRenderPackageMentionsAnInternalType() {
    // given
    List<String> leaks = new ArrayList<>();

    // when
    for (Class<?> type : API) {
      List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
      members.addAll(List.of(type.getDeclaredConstructors()));
      for (Executable m : members) {
        if (!Modifier.isPublic(m.getModifiers())) {
          continue;
        }
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        if (m instanceof Method method) {
          types.add(method.getGenericReturnType());
        }
        for (Type t : types) {
          if (t.getTypeName().contains(".internal.") || t.getTypeName().contains("FileSpec")
              || t.getTypeName().contains("ExtraFile") || t.getTypeName().contains("ClusterContext")) {
            leaks.add(type.getSimpleName() + "." + m.getName() + " mentions " + t.getTypeName());
          }
        }
      }
    }

    // then
    assertThat(leaks).isEmpty();
    assertThat(List.of(Renderer.class.getConstructors())).isEmpty();
    assertThat(List.<Constructor<?>>of(RenderedCluster.class.getConstructors())).isEmpty();
  }
}
