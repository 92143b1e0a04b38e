package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSurfaceTest {
  @Test
  void noPublicSignatureMentionsAnInternalOrOpenstack4jType() throws Exception {
    // given every public type of the package
    List<Class<?>> api = new ArrayList<>();
    for (String name : List.of("OpenStackBackend", "OpenStackBackend$Builder", "OpenStackCredentials",
        "OpenStackCredentials$Builder")) {
      api.add(Class.forName("dev.stackwright.openstack." + name));
    }
    List<String> leaks = new ArrayList<>();

    // when
    for (Class<?> type : api) {
      List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
      members.addAll(List.of(type.getDeclaredConstructors()));
      for (Executable m : members) {
        if (!Modifier.isPublic(m.getModifiers()) && !Modifier.isProtected(m.getModifiers())) {
          continue;
        }
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        types.addAll(List.of(m.getGenericExceptionTypes()));
        if (m instanceof Method method) {
          types.add(method.getGenericReturnType());
        }
        for (Type t : types) {
          if (t.getTypeName().contains(".internal.") || t.getTypeName().startsWith("org.openstack4j")) {
            leaks.add(type.getSimpleName() + "." + m.getName() + " mentions " + t.getTypeName());
          }
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (Modifier.isPublic(f.getModifiers()) && f.getGenericType().getTypeName().contains(".internal.")) {
          leaks.add(type.getSimpleName() + "." + f.getName());
        }
      }
    }

    // then
    assertThat(leaks).isEmpty();
  }
}
