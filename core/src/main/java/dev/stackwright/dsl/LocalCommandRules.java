package dev.stackwright.dsl;

import dev.stackwright.internal.SafePaths;
import dev.stackwright.local.LocalCommand;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's local command line ({@link LocalCommand}), checked before a local run starts anything: each
 * {@code {port:NAME}} a port of the service, each {@code {file:PATH}} one of its files' paths, each {@code {dir:PATH}}
 * and {@code {path:PATH}} a plain absolute path. A local runner of another kind is code, its own to check.
 */
final class LocalCommandRules {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(address|port|file|path|dir)(?::([^}]*))?}");

  private LocalCommandRules() {}

  static void check(Service s, String path, Problems problems) {
    if (s.localRun().orElse(null) instanceof LocalCommand command) {
      Matcher m = PLACEHOLDER.matcher(command.commandLine());
      while (m.find()) {
        placeholder(s, path + ".localRun", m.group(), m.group(1), m.group(2), problems);
      }
    }
  }

  private static void placeholder(Service s, String path, String text, String kind, String arg, Problems problems) {
    switch (kind) {
      case "port" -> {
        List<String> ports = s.ports().stream().map(ServicePort::name).toList();
        if (arg == null || s.port(arg).isEmpty()) {
          problems.problem(path, text, "names no port of service " + s.name(), ports.isEmpty()
              ? "declare the port with .port(ServicePort.tcp(...))" : "name one of " + ports);
        }
      }
      case "file" -> {
        List<String> files = s.files().stream().map(f -> f.pathFor(s.name(), "")).toList();
        if (arg == null || !files.contains(arg)) {
          problems.problem(path, text, "is not a file of service " + s.name() + ", so the local run has none to "
              + "give", (files.isEmpty() ? "declare the file with .file(...)" : "name one of " + files)
              + ", or use {path:...} for a path the program makes itself");
        }
      }
      case "path", "dir" -> {
        if (arg == null || !SafePaths.plainAbsolute(arg) || arg.endsWith("/")) {
          problems.problem(path, text, "is not a plain absolute path", "write it like {" + kind + ":/var/lib/"
              + s.name() + "}: letters, digits, _ . @ + - between slashes");
        }
      }
      default -> {
        // {address} has no argument to check
      }
    }
  }

}
