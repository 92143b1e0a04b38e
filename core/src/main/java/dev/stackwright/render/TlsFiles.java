package dev.stackwright.render;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Tls;
import dev.stackwright.tls.Certificates;
import dev.stackwright.tls.EndpointCertificate;
import dev.stackwright.tls.TlsEndpoint;
import dev.stackwright.tls.TlsEndpoints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS files of a cluster's endpoints, made once per render before the nodes render: per endpoint instance its
 * certificate chain ({@value #DIR}{@code <instance>.crt}) and key ({@code /etc/ssl/private/stackwright-<instance>.key},
 * a secret file), per TLS node the CA clients trust ({@value #DIR}{@code ca.crt}); and the {@code tls} value templates
 * read, so they only lay out what is decided here.
 */
final class TlsFiles {
  private static final Logger LOG = LoggerFactory.getLogger(TlsFiles.class);
  static final String DIR = "/etc/ssl/stackwright/";
  static final String CA = DIR + "ca.crt";
  private static final Map<String, Object> OFF = Map.of("enabled", false);
  private static final TlsFiles NONE = new TlsFiles();
  /** Both endpoint kinds serve TLS through nginx, which reads certificates when it (re)loads. */
  private static final OnChange RELOAD = OnChange.reload("nginx");

  private final Map<String, List<RenderedFile>> files = new LinkedHashMap<>();
  /** The {@code tls} value of each endpoint instance, and of each TLS node (its first endpoint's). */
  private final Map<String, Map<String, Object>> byInstance = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> byNode = new LinkedHashMap<>();
  private final Set<String> pending = new HashSet<>();
  private final List<String> warnings = new ArrayList<>();

  private TlsFiles() {}

  /** No TLS: every template's {@code tls.enabled} is false. */
  static TlsFiles none() {
    return NONE;
  }

  /** The files and values of every endpoint of {@code cluster}, whose certificates come from {@code source}. */
  static TlsFiles of(Cluster cluster, NetworkFacts facts, Certificates source) {
    Tls tls = cluster.tls().orElseThrow();
    TlsFiles t = new TlsFiles();
    for (TlsEndpoint e : TlsEndpoints.of(cluster, facts)) {
      EndpointCertificate c = source.certificate(cluster.name(), e);
      t.add(e, c, tls);
      if (facts.publicAddressPending(e.node())) {
        t.pending.add(e.node());
      }
      c.warnings().stream().filter(w -> !t.warnings.contains(w)).forEach(w -> {
        LOG.warn("{}", w);
        t.warnings.add(w);
      });
    }
    return t;
  }

  private void add(TlsEndpoint e, EndpointCertificate c, Tls tls) {
    String crt = DIR + e.instance() + ".crt";
    String key = "/etc/ssl/private/stackwright-" + e.instance() + ".key";
    List<RenderedFile> list = files.computeIfAbsent(e.node(), n -> new ArrayList<>());
    if (list.isEmpty()) {
      list.add(RenderedFile.of(e.node(), CA, 0644, "root:root", c.caPem(), false).needing(RELOAD));
    }
    String reason = "certificate of " + e.instance() + " (" + c.reason() + ") "
        + (c.reason().startsWith("first") ? "issued" : "renewed");
    list.add(RenderedFile.of(e.node(), crt, 0644, "root:root", c.chainPem(), false).needing(RELOAD).because(reason));
    list.add(RenderedFile.of(e.node(), key, 0600, "root:root", c.privateKey().reveal(), true).needing(RELOAD)
        .because(reason));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("enabled", true);
    value.put("certificate", crt);
    value.put("key", key);
    value.put("ca", CA);
    tls.hsts().ifPresent(d -> value.put("hsts_seconds", d.toSeconds()));
    value.put("names", c.names());
    byInstance.put(e.instance(), value);
    byNode.putIfAbsent(e.node(), value);
  }

  /** The node's certificate files, in the order its user-data writes them; none for a node that serves no TLS. */
  List<RenderedFile> files(String node) {
    return files.getOrDefault(node, List.of());
  }

  /**
   * The {@code tls} value of a file of {@code instance} (a role instance's map, empty for a node-wide file) on
   * {@code node}: the instance's own when it is an endpoint, else the node's first endpoint's, else disabled.
   */
  Map<String, Object> value(String node, Map<String, Object> instance) {
    Object name = instance.get("name");
    Map<String, Object> own = name == null ? null : byInstance.get(name.toString());
    return own != null ? own : byNode.getOrDefault(node, OFF);
  }

  /** Whether a name of the node's certificates is still to come (its floating IP): its files are not final. */
  boolean pending(String node) {
    return pending.contains(node);
  }

  /** What the user should know about certificates of theirs (expiring soon, a domain missing). */
  List<String> warnings() {
    return List.copyOf(warnings);
  }
}
