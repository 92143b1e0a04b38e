package dev.stackwright.render;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.Problem;
import dev.stackwright.StackwrightException;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.Closest;
import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceFile;
import dev.stackwright.services.BuiltInServices;
import dev.stackwright.render.internal.Digests;
import dev.stackwright.render.internal.Templates;
import dev.stackwright.model.Tls;
import dev.stackwright.tls.Certificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every node's service configs and its cloud-init user-data from a cluster model. Immutable and thread-safe:
 * build one and share it.
 *
 * <pre>{@code
 * Renderer renderer = Renderer.builder().secrets(SecretSource.defaults()).build();
 * RenderedCluster files = renderer.render(cluster);
 * files.writeTo(Path.of("out"));          // out/webserver-1/etc/nginx/nginx.conf, ...
 * }</pre>
 *
 * <p>Templates are Jinjava files named like {@code nginx/webserver.conf.jinja}; a template directory or class loader
 * given to the builder overrides any of them by name, and {@link Builder#addFile} adds files of the user's own to a
 * role. What each node gets comes from its services' descriptors ({@link Service}); a service of the user's own finds
 * its templates in {@link Service#templates()}, after the template directory. Unknown names in a template are errors, reported as a {@link dev.stackwright.RenderException} with the
 * template's name and line.
 */
public final class Renderer {
  private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);
  /** Nova refuses user-data whose base64 form is longer than this. */
  static final int NOVA_USER_DATA_LIMIT = UserData.NOVA_USER_DATA_LIMIT;

  private final SecretSource secrets;
  private final Path templateDirectory;
  private final ClassLoader templateClassLoader;
  private final Templates templates;
  private final List<ExtraFile> extraFiles;
  private final Certificates certificates;
  private final UserData userData;

  private Renderer(Builder b) {
    this.secrets = b.secrets;
    this.certificates = b.certificates;
    this.templateDirectory = b.templateDirectory;
    this.templateClassLoader = b.templateClassLoader;
    this.templates = new Templates(b.templateDirectory, b.templateClassLoader);
    this.extraFiles = List.copyOf(b.extraFiles);
    this.userData = new UserData(templates, extraFiles);
    for (ExtraFile f : extraFiles) {
      if (!templates.exists(f.template())) {
        throw new dev.stackwright.RenderException(f.template(), 0, null, "no such template for the extra file "
            + f.path() + " of role " + f.role() + "; put it at " + templates.origin(f.template()));
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Renders with nothing known about the ports yet: see {@link #render(Cluster, NetworkFacts)}. */
  public RenderedCluster render(Cluster cluster) {
    return render(cluster, NetworkFacts.none());
  }

  /**
   * Renders every node's files and user-data. The controller's DHCP config has a fixed lease for each node whose MAC
   * {@code facts} knows, and names the others as pending.
   *
   * @throws InvalidClusterException when the model breaks a rule of the DSL's (see ClusterDsl.validate), or an
   *     extra file names a role the cluster does not have
   * @throws StackwrightException when a secret is missing or unfit (the message names it, never its value)
   * @throws dev.stackwright.RenderException when a template fails, with its name and line
   */
  public RenderedCluster render(Cluster cluster, NetworkFacts facts) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(facts, "facts");
    checkInputs(cluster);
    Application app = cluster.application().orElseThrow(() -> new StackwrightException("cluster " + cluster.name()
        + " has no application, and its configs name the application's WSGI module, Celery app, user and vhost; "
        + "fix: declare it with cluster.application(\"demo\").wsgi(\"demo.wsgi:application\").celeryApp(\"demo\")"
        + ".source(...).version(...)"));
    Set<Service> kinds = new java.util.LinkedHashSet<>();
    cluster.roles().forEach(r -> kinds.add(r.kind()));
    Map<Service, Templates> own = serviceTemplates(kinds);
    ClusterContext context = new ClusterContext(cluster, app, facts, services(kinds), ServiceSecrets.resolve(secrets, kinds));
    List<String> secretValues = context.secretValues();
    PendingFacts pending = facts.anyPending() ? PendingFacts.between(context, context.withStandIns())
        : PendingFacts.none();

    Map<String, List<RenderedFile>> files = new LinkedHashMap<>();
    Map<String, RenderedFile> userData = new LinkedHashMap<>();
    Map<String, RenderedNode> nodes = new LinkedHashMap<>();
    Set<String> readingPending = new java.util.HashSet<>();
    Map<FileSpec, SharedFile> shared = new ConcurrentHashMap<>();
    TlsFiles tls = tlsFiles(cluster, facts);
    Inputs in = new Inputs(context, pending, own, secretValues, shared, tls);
    // Nodes render independently (the cluster-wide files once, shared), so on all cores; results and failures are
    // then taken in node order, so an error always names the first node that has it.
    List<Object> perNode = cluster.nodes().parallelStream().map(node -> {
      try {
        return renderNode(cluster, in, node);
      } catch (RuntimeException e) {
        return e;
      }
    }).toList();
    for (Object result : perNode) {
      if (result instanceof RuntimeException e) {
        throw e;
      }
      NodeFiles node = (NodeFiles) result;
      files.put(node.name(), node.files());
      userData.put(node.name(), node.userData());
      nodes.put(node.name(), node.node());
      if (node.readsPending()) {
        readingPending.add(node.name());
      }
    }
    return new RenderedCluster(cluster.name(), files, userData, nodes, readingPending, tls.warnings());
  }

  private record NodeFiles(String name, List<RenderedFile> files, RenderedFile userData, RenderedNode node,
      boolean readsPending) {}

  /** What every node's render shares. */
  private record Inputs(ClusterContext context, PendingFacts pending, Map<Service, Templates> own,
      List<String> secretValues, Map<FileSpec, SharedFile> shared, TlsFiles tls) {}

  /**
   * The certificates of the cluster's TLS endpoints: the user's own from the secrets, or the builder's source, or by
   * default the cluster CA in its default directory (the test certificates when the secrets are the test ones).
   */
  private TlsFiles tlsFiles(Cluster cluster, NetworkFacts facts) {
    if (cluster.tls().isEmpty()) {
      return TlsFiles.none();
    }
    Certificates source;
    if (cluster.tls().get().certificates() == Tls.Certificates.USER_PROVIDED) {
      source = Certificates.userProvided(secrets);
    } else if (certificates != null) {
      source = certificates;
    } else {
      source = secrets == SecretSource.forTests() ? Certificates.forTests() : Certificates.defaults(cluster.name());
    }
    return TlsFiles.of(cluster, facts, source);
  }

  /** Stackwright's services, whether the cluster has them or not (templates ask), then the cluster's own. */
  private static List<Service> services(Set<Service> kinds) {
    List<Service> all = new ArrayList<>(BuiltInServices.all());
    kinds.stream().filter(k -> !all.contains(k)).forEach(all::add);
    return all;
  }

  /**
   * The templates of each service of the user's that has its own, every one of its files' checked to exist, so that a
   * missing one is told before any node renders.
   */
  private Map<Service, Templates> serviceTemplates(Set<Service> kinds) {
    Map<Service, Templates> own = new java.util.HashMap<>();
    for (Service s : kinds) {
      Templates t = s.templates().map(source -> new Templates(templateDirectory, templateClassLoader, source))
          .orElse(templates);
      own.put(s, t);
      for (ServiceFile f : s.files()) {
        if (!t.exists(f.template())) {
          throw new dev.stackwright.RenderException(f.template(), 0, null, "no such template for the file "
              + f.path() + " of service[" + s.name() + "]; put it at " + t.origin(f.template()));
        }
      }
    }
    return own;
  }

  private NodeFiles renderNode(Cluster cluster, Inputs in, Node node) {
    ClusterContext context = in.context();
    List<String> secretValues = in.secretValues();
    FactReads factReads = new FactReads();
    NodePlan plan = NodePlan.of(context, node, extraFiles, factReads);
    Map<String, Object> nodeContext = context.forNode(node);
    nodeContext.put("tls", in.tls().value(node.name(), Map.of()));
    List<RenderedFile> rendered = new ArrayList<>();
    List<String> gzipped = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (FileSpec spec : plan.files) {
      unique(seen, node, spec.path(), spec.template());
      if (spec.clusterWide()) {
        SharedFile once = in.shared().computeIfAbsent(spec, s -> {
          Map<String, Object> c = context.forCluster();
          SecretReads reads = context.watch(c, Optional.empty());
          FactReads facts = new FactReads();
          in.pending().watch(c, facts);
          String content = templates.render(s.template(), c, node.name(), secretValues);
          return SharedFile.of(s, content, reads.any(), secretValues, facts.any());
        });
        if (once.readsPending()) {
          factReads.read();
        }
        rendered.add(once.file(node.name()));
        gzipped.add(once.gzipBase64());
        continue;
      }
      Map<String, Object> c = new LinkedHashMap<>(nodeContext);
      c.put("instance", spec.instance());
      c.put("tls", in.tls().value(node.name(), spec.instance()));
      Optional<Service> service = Optional.ofNullable(plan.fileServices.get(spec.path()));
      SecretReads reads = context.watch(c, service);
      in.pending().watch(c, factReads);
      String content = renderFile(spec, service, in.own(), c, node.name(), secretValues);
      boolean secret = spec.secret() || reads.any() || secretValues.stream().anyMatch(content::contains);
      // Encoded once for both the digest and the user-data's gzip.
      byte[] utf8 = content.getBytes(StandardCharsets.UTF_8);
      rendered.add(RenderedFile.of(node.name(), spec.path(), spec.mode(), spec.owner(), content, secret,
          Digests.sha256Hex(utf8)).needing(spec.onChange()));
      gzipped.add(Digests.gzipBase64(utf8));
    }
    for (RenderedFile f : in.tls().files(node.name())) {
      unique(seen, node, f.path(), "its certificates");
      rendered.add(f);
      gzipped.add(Digests.gzipBase64(f.content().getBytes(StandardCharsets.UTF_8)));
    }
    if (in.tls().pending(node.name())) {
      factReads.read();
    }
    in.pending().watch(nodeContext, factReads);
    RenderedFile userData = this.userData.render(node, cluster.nodes().size(), context, nodeContext, plan, rendered,
        gzipped, secretValues);
    LOG.debug("rendered {} files for node {}", rendered.size(), node.name());
    return new NodeFiles(node.name(), rendered, userData, delivery(cluster, node, plan),
        factReads.any() || in.pending().readBy(node));
  }

  private static void unique(Map<String, String> seen, Node node, String path, String from) {
    String earlier = seen.putIfAbsent(path, from);
    if (earlier != null) {
      throw new StackwrightException("node " + node.name() + " would get two files at " + path + ", from "
          + earlier + " and " + from + "; fix: give the extra file another path, or keep roles of "
          + "the same kind on different hosts");
    }
  }

  private static RenderedNode delivery(Cluster cluster, Node node, NodePlan plan) {
    boolean runsApp = node.roles().stream().anyMatch(r -> r.kind().runsApplication());
    Optional<String> app = cluster.application().filter(a -> runsApp).map(a -> a.name() + " " + a.version());
    return new RenderedNode(node.name(), List.copyOf(plan.services), List.copyOf(plan.packages),
        plan.users.stream().map(u -> String.valueOf(u.get("name"))).toList(), app, commands(plan.redeploy),
        commands(plan.redeployUndo), plan.redeployUnits, commands(plan.checks), plan.leadsRedeploy);
  }

  private static List<RenderedNode.Command> commands(List<Step> steps) {
    return steps.stream().map(s -> new RenderedNode.Command(s.name(), s.command())).toList();
  }

  /** A node's file; a failure in a service's template names the service and the file. */
  private String renderFile(FileSpec spec, Optional<Service> service, Map<Service, Templates> own,
      Map<String, Object> context, String node, List<String> secretValues) {
    Templates t = service.map(s -> own.getOrDefault(s, templates)).orElse(templates);
    try {
      return t.render(spec.template(), context, node, secretValues);
    } catch (dev.stackwright.RenderException e) {
      if (service.isEmpty() || service.get().templates().isEmpty()) {
        throw e;
      }
      throw new dev.stackwright.RenderException(e.template(), e.line(), node, "service[" + service.get().name()
          + "] file " + spec.path() + ": " + e.getMessage());
    }
  }

  /**
   * The model meets the validator (a model made with {@code Cluster.builder()} gets the DSL's rules), and every extra
   * file names a role of the cluster.
   */
  private void checkInputs(Cluster cluster) {
    ClusterDsl.validate(cluster);
    List<Problem> problems = new ArrayList<>();
    Set<String> roles = new java.util.LinkedHashSet<>();
    cluster.roles().forEach(r -> roles.add(r.name()));
    for (ExtraFile f : extraFiles) {
      if (!roles.contains(f.role())) {
        problems.add(Problem.of("renderer.addFile[" + f.path() + "]", f.role(), "names no role of cluster "
            + cluster.name() + Closest.hint(f.role(), roles), "name one of " + roles));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidClusterException(cluster.name(), problems);
    }
  }

  /** Configures a renderer. Not thread-safe; {@link #build()} returns an immutable renderer. */
  public static final class Builder {
    private SecretSource secrets = SecretSource.defaults();
    private Path templateDirectory;
    private ClassLoader templateClassLoader;
    private final List<ExtraFile> extraFiles = new ArrayList<>();
    private Certificates certificates;

    private Builder() {}

    /**
     * Where the certificates of a cluster with {@code tls().clusterCa()} come from; unless set, the cluster CA in
     * {@link Certificates#defaults}' directory ({@link Certificates#forTests()} with {@link SecretSource#forTests()}).
     * A cluster whose certificates are {@code USER_PROVIDED} takes them from the secrets whatever this says.
     */
    public Builder certificates(Certificates certificates) {
      this.certificates = Objects.requireNonNull(certificates, "certificates");
      return this;
    }

    /** Where secrets come from; {@link SecretSource#defaults()} unless set. */
    public Builder secrets(SecretSource secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /**
     * A directory whose templates override the shipped ones by relative name: {@code dir/nginx/webserver.conf.jinja}
     * replaces the load balancer's site. Also where the templates of {@link #addFile} are looked for first.
     */
    public Builder templateDirectory(Path directory) {
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("template directory " + directory + " does not exist");
      }
      this.templateDirectory = directory;
      return this;
    }

    /**
     * A class loader whose resources under {@code dev/stackwright/templates/} override the shipped templates, after
     * the template directory and before stackwright's own.
     */
    public Builder templateClassLoader(ClassLoader loader) {
      this.templateClassLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** Adds a file of mode 0644 owned by root to every node that carries {@code role}; see the long form. */
    public Builder addFile(String role, String path, String template) {
      return addFile(role, path, template, 0644, "root:root");
    }

    /** Adds a file to every node that carries {@code role}, needing nothing when it changes; see the long form. */
    public Builder addFile(String role, String path, String template, int mode, String owner) {
      return addFile(role, path, template, mode, owner, OnChange.NOTHING);
    }

    /**
     * Adds a file to every node that carries {@code role}, rendered from {@code template} with the node's context and
     * the role's instance under {@code instance}. A file whose render reads a secret (or a value made from one), or
     * whose text holds one, gets mode 0600.
     *
     * @param path the absolute path on the node
     * @param mode permission bits, such as {@code 0644}
     * @param owner {@code user:group}
     * @param onChange what a change of it needs on a running node, such as {@code OnChange.reload("myapp")}
     */
    public Builder addFile(String role, String path, String template, int mode, String owner, OnChange onChange) {
      extraFiles.add(new ExtraFile(role, path, template, mode, owner, onChange));
      return this;
    }

    /** @throws dev.stackwright.RenderException when the template of an extra file does not exist */
    public Renderer build() {
      return new Renderer(this);
    }
  }
}
