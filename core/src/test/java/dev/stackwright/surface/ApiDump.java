package dev.stackwright.surface;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public surface of one module as sorted lines: each API type (public, outside every {@code internal} package),
 * then each of its public and protected members with its generic signature, one per line. A type's line is its name
 * and declaration; a member's line is its type's name, {@code #}, the member and its modifiers. Members inherited from
 * a superclass that is not API themselves (a generated Immutables builder under a public {@code Builder}) are listed
 * under the public type, since a user calls them there.
 */
public final class ApiDump {
  private static final String OURS = "dev.stackwright.";

  private ApiDump() {}

  /** The surface of the classes in the directory or jar that {@code anchor} was loaded from. */
  public static List<String> ofModuleOf(Class<?> anchor) {
    TreeSet<String> lines = new TreeSet<>();
    for (Class<?> type : apiTypes(anchor)) {
      lines.add(name(type) + " " + declaration(type));
      members(type).forEach((key, rest) -> lines.add((name(type) + "#" + key + ": " + rest).strip()));
    }
    return List.copyOf(lines);
  }

  /** Whether code outside the package may name {@code type}: public (or protected, nested) all the way out. */
  public static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass() || inInternalPackage(type)) {
      return false;
    }
    Class<?> outer = type.getDeclaringClass();
    if (outer == null) {
      return Modifier.isPublic(type.getModifiers());
    }
    return (Modifier.isPublic(type.getModifiers()) || Modifier.isProtected(type.getModifiers())) && isApi(outer);
  }

  private static boolean inInternalPackage(Class<?> type) {
    String pkg = type.getPackageName();
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  private static List<Class<?>> apiTypes(Class<?> anchor) {
    Path root = classesRoot(anchor);
    try (Stream<Path> files = Files.walk(root)) {
      List<String> names = files.map(root::relativize).map(Path::toString)
          .filter(f -> f.endsWith(".class") && !f.endsWith("package-info.class") && !f.endsWith("module-info.class"))
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
          .sorted().toList();
      List<Class<?>> types = new ArrayList<>();
      for (String name : names) {
        Class<?> type = load(name, anchor.getClassLoader());
        if (isApi(type)) {
          types.add(type);
        }
      }
      return types;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the classes under " + root, e);
    }
  }

  static Path classesRoot(Class<?> anchor) {
    try {
      Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isDirectory(root)) {
        throw new IllegalStateException(anchor.getName() + " was loaded from " + root + ", not a class directory; "
            + "run the API dump from the module's build (mvn test), where its classes are a directory");
      }
      return root;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("no path for the classes of " + anchor.getName(), e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("class file " + name + " found but not loadable", e);
    }
  }

  private static String name(Class<?> type) {
    return type.getName();
  }

  private static String declaration(Class<?> type) {
    StringBuilder line = new StringBuilder(typeModifiers(type)).append(kind(type)).append(' ')
        .append(type.getSimpleName()).append(typeParameters(type.getTypeParameters()));
    Class<?> visible = type;
    List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
    for (Class<?> hidden = hiddenSuperclass(type); hidden != null; hidden = hiddenSuperclass(hidden)) {
      visible = hidden;
      supertypes.addAll(List.of(hidden.getGenericInterfaces()));
    }
    Type superclass = visible.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      line.append(" extends ").append(typeName(superclass));
    }
    List<String> interfaces = supertypes.stream().map(ApiDump::typeName).distinct()
        .filter(i -> !type.isAnnotation() || !i.equals("java.lang.annotation.Annotation")).toList();
    if (!interfaces.isEmpty()) {
      line.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
    }
    return line.toString();
  }

  private static String typeModifiers(Class<?> type) {
    int modifiers = type.getModifiers();
    if (type.isInterface()) {
      modifiers &= ~(Modifier.ABSTRACT | Modifier.INTERFACE | Modifier.STATIC);
    }
    if (type.isEnum() || type.isRecord()) {
      modifiers &= ~(Modifier.FINAL | Modifier.STATIC);
    }
    String text = Modifier.toString(modifiers) + (type.isSealed() ? " sealed" : "");
    return text.isEmpty() ? "" : text + " ";
  }

  private static String kind(Class<?> type) {
    if (type.isAnnotation()) {
      return "@interface";
    }
    if (type.isInterface()) {
      return "interface";
    }
    return type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
  }

  /** Each member's key (name and parameters) and the rest of its line; the subclass's own declaration wins. */
  private static Map<String, String> members(Class<?> type) {
    Map<String, String> members = new LinkedHashMap<>();
    for (Class<?> c = type; c != null; c = hiddenSuperclass(c)) {
      for (Field f : c.getDeclaredFields()) {
        if (visible(f) && !f.isSynthetic()) {
          members.putIfAbsent(f.getName(), modifiers(f.getModifiers()) + typeName(f.getGenericType()));
        }
      }
      if (c == type) {
        for (Constructor<?> k : c.getDeclaredConstructors()) {
          if (visible(k) && !k.isSynthetic()) {
            members.put("<init>" + parameters(k), modifiers(k.getModifiers()) + typeParameters(k) + throwsClause(k));
          }
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
          members.putIfAbsent(m.getName() + parameters(m), methodRest(m));
        }
      }
    }
    return members;
  }

  /** The superclass whose public members a user reaches only through {@code type}: ours, and not API itself. */
  private static Class<?> hiddenSuperclass(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    if (superclass == null || !superclass.getName().startsWith(OURS) || isApi(superclass)) {
      return null;
    }
    return superclass;
  }

  private static boolean visible(Member member) {
    return Modifier.isPublic(member.getModifiers()) || Modifier.isProtected(member.getModifiers());
  }

  private static String methodRest(Method m) {
    int modifiers = m.getModifiers();
    if (m.getDeclaringClass().isInterface()) {
      modifiers &= ~Modifier.ABSTRACT;
    }
    String text = modifiers(modifiers) + (m.isDefault() ? "default " : "") + typeParameters(m)
        + typeName(m.getGenericReturnType());
    return text + throwsClause(m);
  }

  private static String modifiers(int modifiers) {
    String text = Modifier.toString(modifiers & ~(Modifier.TRANSIENT | Modifier.VOLATILE | Modifier.SYNCHRONIZED
        | Modifier.NATIVE | Modifier.STRICT));
    return text.isEmpty() ? "" : text + " ";
  }

  private static String typeParameters(Executable e) {
    String text = typeParameters(e.getTypeParameters());
    return text.isEmpty() ? "" : text + " ";
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables).map(ApiDump::typeVariable).collect(Collectors.joining(", ", "<", ">"));
  }

  private static String typeVariable(TypeVariable<?> variable) {
    List<String> bounds = Arrays.stream(variable.getBounds()).filter(b -> b != Object.class)
        .map(ApiDump::typeName).toList();
    return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends " + String.join(" & ", bounds);
  }

  private static String parameters(Executable e) {
    List<String> types = Arrays.stream(e.getGenericParameterTypes()).map(ApiDump::typeName)
        .collect(Collectors.toCollection(ArrayList::new));
    if (e.isVarArgs() && !types.isEmpty()) {
      String last = types.remove(types.size() - 1);
      types.add(last.substring(0, last.length() - 2) + "...");
    }
    return "(" + String.join(", ", types) + ")";
  }

  private static String throwsClause(Executable e) {
    Type[] thrown = e.getGenericExceptionTypes();
    if (thrown.length == 0) {
      return "";
    }
    return Arrays.stream(thrown).map(ApiDump::typeName).sorted().collect(Collectors.joining(", ", " throws ", ""));
  }

  /** A type as source would write it, less the {@code java.lang.} of its top-level classes. */
  static String typeName(Type type) {
    return type.getTypeName().replaceAll("\\bjava\\.lang\\.([A-Z])", "$1");
  }
}
