package dev.stackwright.services;

import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.model.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A static server's setup step in a local run, as cloud-init runs it on a VM: the application's static files
 * collected into the static root ({@code manage.py collectstatic}, which copies only what changed), or an app
 * without manage.py has its {@code static/} directory copied there.
 */
final class CollectStatic {
  private CollectStatic() {}

  static List<LocalProcess> setup(LocalNode node) {
    if (node.cluster().application().isEmpty() || node.application().isEmpty()) {
      return List.of(); // no code to collect from: the nodes have it already, or the app is not run
    }
    Application app = node.cluster().application().get();
    Path source = node.application().get();
    Path home = node.path(app.home());
    Path staticRoot = node.path(app.staticRoot());
    LocalProcess.Builder b = LocalProcess.builder("collectstatic", node).setup().installHint(Units.pythonHint(node));
    if (Files.isRegularFile(source.resolve("manage.py"))) {
      return List.of(b.command(List.of(node.python().toString(), "manage.py", "collectstatic", "--noinput"))
          .workingDirectory(home).environment(environment(node, app, staticRoot)).build());
    }
    if (Files.isDirectory(source.resolve("static"))) {
      return List.of(b.command(List.of("cp", "-R", source.resolve("static") + "/.", staticRoot.toString()))
          .workingDirectory(staticRoot).installHint("apt-get install coreutils").build());
    }
    return List.of();
  }

  /** The application's rendered environment on this node, as cloud-init sources it, and where to collect to. */
  private static Map<String, String> environment(LocalNode node, Application app, Path staticRoot) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("STATIC_ROOT", staticRoot.toString());
    env.put("DJANGO_STATIC_ROOT", staticRoot.toString());
    for (LocalFile f : node.files()) {
      if (f.nodePath().endsWith("/" + app.name() + ".env") || f.nodePath().equals("/etc/default/" + app.name())
          || f.nodePath().startsWith("/etc/" + app.name() + "/") && f.fileName().equals("env")) {
        env.putAll(ConfigText.envFile(f.content()));
      }
    }
    env.put("PATH", "/usr/bin:/usr/sbin:/bin:/sbin");
    return env;
  }
}
