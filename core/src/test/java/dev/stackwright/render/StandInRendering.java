package dev.stackwright.render;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A rendered cluster without templates: each node's user-data names the node and its role instances, and nothing
 * else. For engine tests of what the resources are, which the files do not decide, on clusters whose services the
 * renderer of this tree cannot render yet.
 */
public final class StandInRendering {
  private StandInRendering() {}

  public static RenderedCluster of(Cluster cluster) {
    Map<String, List<RenderedFile>> files = new LinkedHashMap<>();
    Map<String, RenderedFile> userData = new LinkedHashMap<>();
    Map<String, RenderedNode> nodes = new LinkedHashMap<>();
    for (Node n : cluster.nodes()) {
      String roles = n.roles().stream().map(r -> r.role() + " " + r.address()).collect(Collectors.joining(", "));
      files.put(n.name(), List.of());
      userData.put(n.name(), RenderedFile.of(n.name(), RenderedCluster.USER_DATA_PATH, 0600, "root:root",
          "#cloud-config\n# " + n.name() + ": " + roles + "\n", true));
      nodes.put(n.name(), new RenderedNode(n.name(), n.roles().stream().map(r -> r.kind().name()).distinct()
          .toList(), List.of(), List.of(), java.util.Optional.empty(), List.of(), List.of(), List.of(), List.of(), false));
    }
    return new RenderedCluster(cluster.name(), files, userData, nodes);
  }
}
