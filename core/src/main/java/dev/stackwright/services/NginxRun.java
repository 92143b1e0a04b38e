package dev.stackwright.services;

import dev.stackwright.local.LocalEndpoint;
import dev.stackwright.local.LocalFile;
import dev.stackwright.local.LocalNode;
import dev.stackwright.local.LocalProcess;
import dev.stackwright.local.LocalRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The local run of a service nginx serves (the load balancer, the static servers, the controller): one nginx per
 * node with its mapped nginx.conf (the package's when none is rendered) and the rendered sites, in the foreground;
 * then what the service adds on that node.
 */
final class NginxRun implements LocalRunner {
  private static final String CONF = "/etc/nginx/nginx.conf";

  private final Function<LocalNode, List<LocalProcess>> more;

  NginxRun(Function<LocalNode, List<LocalProcess>> more) {
    this.more = more;
  }

  @Override
  public List<LocalProcess> processes(LocalNode node) {
    List<LocalProcess> out = new ArrayList<>();
    out.add(nginx(node));
    out.addAll(more.apply(node));
    return out;
  }

  /** The package's nginx.conf when none is rendered, and the files the rendered configs include. */
  @Override
  public List<String> imagePaths() {
    return List.of(CONF, "/etc/nginx", "/etc/nginx/snippets", "/etc/nginx/modules-enabled");
  }

  private static LocalProcess nginx(LocalNode node) {
    Optional<LocalFile> conf = node.file(CONF);
    Path confPath = conf.map(LocalFile::hostPath).orElse(node.path(CONF));
    String text = conf.map(LocalFile::content).orElseGet(() -> read(confPath));
    LocalProcess.Builder b = LocalProcess.builder("nginx", node).installHint("apt-get install nginx").unit("nginx")
        .reloadSignal("HUP"); // the master re-reads its config, old workers finish their requests
    List<LocalEndpoint> listens = new ArrayList<>(ConfigText.nginxListens(text));
    for (LocalFile site : node.files()) {
      if (site.nodePath().startsWith("/etc/nginx/") && !site.nodePath().equals(CONF)) {
        listens.addAll(ConfigText.nginxListens(site.content()));
      }
    }
    if (listens.isEmpty()) {
      return b.problem("no rendered nginx config on " + node.name() + " has a listen directive (looked for " + CONF
          + " and /etc/nginx/**)").build();
    }
    for (LocalEndpoint e : listens) {
      if (!e.host().startsWith("127.")) {
        return b.problem("the rendered config has \"listen " + e + "\", which binds every address of this machine;"
            + " a node's nginx must listen on its own address (listen ADDRESS:PORT) so nodes do not collide").build();
      }
    }
    // no -p: modules load from the package's prefix; relative includes resolve next to the -c file
    List<String> cmd = new ArrayList<>(List.of("nginx", "-c", confPath.toString()));
    StringBuilder g = new StringBuilder();
    if (!ConfigText.nginxHas(text, "daemon")) {
      g.append("daemon off;");
    }
    if (!ConfigText.nginxHas(text, "pid")) {
      g.append(" pid ").append(node.path("/run/nginx.pid")).append(';');
    }
    if (g.length() > 0) {
      cmd.add("-g");
      cmd.add(g.toString().strip());
    }
    return b.command(cmd).environment(node.environment()).endpoints(listens.stream().distinct().toList())
        .note(conf.isPresent() ? "" : "nginx.conf from the nginx package, mapped; sites as rendered").build();
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
