package dev.stackwright.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a service of the user's own keeps its templates: a directory, or a folder on a class path. The names in its
 * files are relative to it: {@code redis/redis.conf.jinja}.
 */
public record TemplateSource(Optional<Path> directory, Optional<ClassLoader> classLoader, String folder) {
  public TemplateSource {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(classLoader, "classLoader");
    Objects.requireNonNull(folder, "folder");
    if (directory.isPresent() == classLoader.isPresent()) {
      throw new IllegalArgumentException("a template source is a directory or a class path folder, not both");
    }
  }

  public static TemplateSource directory(Path directory) {
    return new TemplateSource(Optional.of(directory), Optional.empty(), "");
  }

  /** Templates under {@code folder} of {@code loader}'s class path, such as {@code "templates"}. */
  public static TemplateSource classPath(ClassLoader loader, String folder) {
    return new TemplateSource(Optional.empty(), Optional.of(loader), folder.replaceAll("^/+|/+$", ""));
  }

  @Override
  public String toString() {
    return directory.map(d -> "directory " + d).orElse("class path folder " + folder);
  }
}
