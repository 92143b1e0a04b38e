package dev.stackwright.render;

import dev.stackwright.StackwrightException;
import dev.stackwright.model.AptSource;
import dev.stackwright.model.Node;
import dev.stackwright.model.PackageSources;
import dev.stackwright.render.internal.Digests;
import dev.stackwright.render.internal.Templates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's cloud-init user-data: its rendered files (gzipped, base64), the manifest, packages, users, APT sources and
 * boot commands, within what Nova accepts. Immutable; one per renderer.
 */
final class UserData {
  /** Nova refuses user-data whose base64 form is longer than this. */
  static final int NOVA_USER_DATA_LIMIT = 65535;

  private final Templates templates;
  private final List<ExtraFile> extraFiles;

  UserData(Templates templates, List<ExtraFile> extraFiles) {
    this.templates = templates;
    this.extraFiles = extraFiles;
  }

  RenderedFile render(Node node, int clusterNodes, ClusterContext context, Map<String, Object> nodeContext,
      NodePlan plan, List<RenderedFile> rendered, List<String> gzipped, List<String> secretValues) {
    List<Map<String, Object>> entries = new ArrayList<>();
    List<Map<String, Object>> manifestList = new ArrayList<>();
    for (int i = 0; i < rendered.size(); i++) {
      RenderedFile f = rendered.get(i);
      entries.add(entry(f.path(), f.modeOctal(), f.owner(), gzipped.get(i)));
      manifestList.add(Map.of("path", f.path(), "sha256", f.sha256()));
    }
    entries.add(entry(ClusterContext.MANIFEST_PATH, "0644", "root:root", Digests.gzipBase64(RenderedCluster.manifestText(rendered))));
    Map<String, Object> c = new LinkedHashMap<>(nodeContext);
    c.put("instance", Map.of());
    c.put("packages", List.copyOf(plan.packages));
    c.put("service_users", plan.users);
    c.put("files", entries);
    c.put("manifest", manifestList);
    c.put("apt_sources", aptSources(context.packageSources()));
    c.put("commands", RunSteps.runcmd(plan.steps));
    String content = templates.render("cloud-init/user-data.jinja", c, node.name(), secretValues);
    byte[] utf8 = content.getBytes(StandardCharsets.UTF_8);
    long encoded = 4L * ((utf8.length + 2) / 3);
    if (encoded > NOVA_USER_DATA_LIMIT) {
      RenderedFile biggest = rendered.stream().max(java.util.Comparator.comparingInt(f -> f.content().length()))
          .orElseThrow();
      boolean extra = extraFiles.stream().anyMatch(f -> f.path().equals(biggest.path()));
      String fix = extra ? "make the node's extra files smaller, or fetch big content at boot instead of carrying it"
          : "the cluster has " + clusterNodes + " nodes and stackwright's files that list every node"
              + " (/etc/hosts, the controller's DHCP leases and status page) outgrow Nova's limit near 1,500 nodes:"
              + " split it into several clusters, or override those templates (Renderer.Builder.templateDirectory)"
              + " with ones that list the services rather than every node";
      throw new StackwrightException("the user-data of node " + node.name() + " is " + encoded + " bytes in base64, "
          + "more than the " + NOVA_USER_DATA_LIMIT + " Nova accepts; its biggest file is " + biggest + "; fix: "
          + fix);
    }
    return RenderedFile.of(node.name(), RenderedCluster.USER_DATA_PATH, 0600, "root:root", content, true,
        Digests.sha256Hex(utf8));
  }

  /**
   * The Debian mirror as the text of /etc/apt/sources.list, which cloud-init's apt module writes before the packages
   * are installed; "" for none, which leaves the image's sources as they are.
   */
  private static String aptSources(PackageSources sources) {
    StringBuilder s = new StringBuilder();
    for (AptSource m : sources.debianMirror()) {
      s.append(m.unsigned() ? "deb [trusted=yes] " : "deb ").append(m.line()).append('\n');
    }
    return s.toString();
  }

  private static Map<String, Object> entry(String path, String mode, String owner, String gzipBase64) {
    return Map.of("path", path, "mode", mode, "owner", owner, "content_gz_b64", gzipBase64);
  }
}
