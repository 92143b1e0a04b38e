package dev.stackwright.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local backend's public surface never names a type of an internal package. */
class LocalApiTest {
  @Test
  void noPublicSignatureMentionsAnInternalType() {
    // given
    List<Class<?>> types = List.of(LocalRun.class, LocalRun.Builder.class, LocalMapping.class,
        LocalMapping.Builder.class, LocalResult.class, LocalService.class, LocalServiceState.class,
        LocalRunException.class, LocalRunner.class, LocalNode.class, LocalProcess.class, LocalProcess.Builder.class,
        LocalCommand.class, LocalFile.class, LocalEndpoint.class);
    List<String> leaks = new ArrayList<>();
    // when
    for (Class<?> type : types) {
      List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
      members.addAll(List.of(type.getDeclaredConstructors()));
      for (Executable m : members) {
        if (!Modifier.isPublic(m.getModifiers())) {
          continue;
        }
        List<Type> mentioned = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        if (m instanceof Method method) {
          mentioned.add(method.getGenericReturnType());
        }
        for (Type t : mentioned) {
          if (t.getTypeName().contains(".internal.")) {
            leaks.add(type.getSimpleName() + "." + (m instanceof Constructor ? "<init>" : m.getName()) + ": " + t);
          }
        }
      }
    }
    // then
    assertThat(leaks).isEmpty();
  }
}
