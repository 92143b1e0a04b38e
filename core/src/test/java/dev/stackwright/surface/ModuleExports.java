package dev.stackwright.surface;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a module's compiled {@code module-info} exports, read from its class directory: the tests run on the class
 * path, where the classes' own {@link Module} is unnamed, so the descriptor is read as a module finder would.
 */
public final class ModuleExports {
  private ModuleExports() {}

  /** The descriptor compiled into the class directory that {@code anchor} was loaded from. */
  public static ModuleDescriptor descriptorOf(Class<?> anchor) {
    Path root = ApiDump.classesRoot(anchor);
    Set<ModuleReference> found = ModuleFinder.of(root).findAll();
    if (found.size() != 1) {
      throw new IllegalStateException(root + " holds " + found.size() + " modules, not one: is its module-info.java"
          + " compiled?");
    }
    return found.iterator().next().descriptor();
  }

  /** The packages exported to every module, sorted. */
  public static Set<String> unqualified(ModuleDescriptor module) {
    return module.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Each export to named modules only, as {@code package to module, ...}. */
  public static List<String> qualified(ModuleDescriptor module) {
    return module.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
        .map(e -> e.source() + " to " + String.join(", ", new TreeSet<>(e.targets()))).sorted().toList();
  }

  /** The packages of the types an API file lists (its lines without a member), sorted. */
  public static Set<String> packagesOf(List<String> apiLines) {
    return apiLines.stream().map(line -> line.substring(0, line.indexOf(' '))).filter(name -> !name.contains("#"))
        .map(ModuleExports::packageOf).collect(Collectors.toCollection(TreeSet::new));
  }

  private static String packageOf(String typeName) {
    String outer = typeName.contains("$") ? typeName.substring(0, typeName.indexOf('$')) : typeName;
    return outer.substring(0, outer.lastIndexOf('.'));
  }
}
