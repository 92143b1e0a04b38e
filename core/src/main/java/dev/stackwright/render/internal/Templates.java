package dev.stackwright.render.internal;

import dev.stackwright.internal.SafeText;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import dev.stackwright.RenderException;
import dev.stackwright.model.TemplateSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ResourceBundleELResolver;

/**
 * The templates of one renderer: a Jinjava engine of its own, strict about unknown names, and a look-up that tries
 * the user's directory, then a user service's own templates (when these are a service's), then the user's class
 * loader, then the templates shipped in core, the class paths' under {@value #RESOURCE_ROOT}. Thread-safe.
 */
public final class Templates {
  /** Where templates live on a class path; a user's class loader overrides one by having the same resource. */
  public static final String RESOURCE_ROOT = "dev/stackwright/templates/";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");
  private static final Pattern INCLUDES = Pattern.compile(
      "\\{%-?\\s*(?:include|import|from|extends)\\s+['\"]([^'\"]+)['\"]");
  private static final Pattern UNKNOWN_TOKEN = Pattern.compile("Unknown token found: (\\S+)");

  private final Path directory;
  private final ClassLoader userLoader;
  private final TemplateSource service;
  private final JinjavaConfig config;
  private final Jinjava jinjava;
  /**
   * Copies of Jinjava's global context, each used by one render at a time and reset after it. Jinjava's own
   * renderForResult copies the global context on every call, registering every tag, filter and function anew: a third
   * of the time of rendering 10,000 nodes. A queue rather than one copy, since renders may run on several threads.
   */
  private final Queue<Context> globals = new ConcurrentLinkedQueue<>();
  /**
   * The texts of the class path's templates (or that there is none of a name), read once: a class path does not
   * change while a renderer lives, and looking a resource up and reading it on every render was a tenth of the time of
   * rendering 10,000 nodes. A template directory's files are read on every render, so edits to them are seen.
   */
  private final Map<String, Optional<String>> userResources = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> coreResources = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> serviceResources = new ConcurrentHashMap<>();
  /** Each template parsed once, not on every render. */
  private final ParsedTemplates trees = new ParsedTemplates();

  /**
   * @param directory a directory of templates that override the shipped ones, or null
   * @param userLoader a class loader whose {@value #RESOURCE_ROOT} resources override the shipped ones, or null
   */
  public Templates(Path directory, ClassLoader userLoader) {
    this(directory, userLoader, null);
  }

  /**
   * @param service where a user service keeps its templates, looked in after {@code directory}; or null
   */
  public Templates(Path directory, ClassLoader userLoader, TemplateSource service) {
    this.directory = directory;
    this.userLoader = userLoader;
    this.service = service;
    this.config = JinjavaConfig.newBuilder().withFailOnUnknownTokens(true).withTrimBlocks(true)
        .withLstripBlocks(true).withMaxOutputSize(4L << 20).withElResolver(resolver()).build();
    this.jinjava = new Jinjava(config);
    jinjava.setResourceLocator(new Locator());
    jinjava.registerFilter(new YamlStringFilter());
  }

  /**
   * Jinjava's default resolvers (read-only: {@code JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY}'s, in its
   * order) after one that spares every filter call an exception, with a bean resolver that remembers which method a
   * call resolves to ({@link CachingBeanResolver}). One chain per renderer: the cache is this renderer's.
   */
  static CompositeELResolver resolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new FilterCallResolver());
    resolver.add(new ArrayELResolver(true));
    resolver.add(new JinjavaListELResolver(true));
    resolver.add(new TypeConvertingMapELResolver(true));
    resolver.add(new ResourceBundleELResolver());
    resolver.add(new CachingBeanResolver());
    return resolver;
  }

  /** True when a template of this name exists anywhere on the look-up path. */
  public boolean exists(String name) {
    return source(name).isPresent();
  }

  /** Where the template comes from, for messages: a file, or a class path resource. */
  public String origin(String name) {
    checkName(name);
    if (directory != null && Files.isRegularFile(directory.resolve(name))) {
      return directory.resolve(name).toString();
    }
    if (service != null) {
      return service.directory().map(d -> d.resolve(name).toString())
          .orElse("classpath:" + serviceResource(name));
    }
    return "classpath:" + RESOURCE_ROOT + name;
  }

  /**
   * Renders a template.
   *
   * @param secrets values that must never appear in an error message; they are masked if the engine quotes them
   * @throws RenderException naming the template and line, for a missing template, a syntax error or an unknown name
   */
  public String render(String name, Map<String, ?> context, String node, Collection<String> secrets) {
    String text = source(name).orElseThrow(() -> new RenderException(name, 0, node,
        "no such template; looked in " + lookedIn(name)));
    Rendered result = renderText(text, context);
    List<TemplateError> fatal = new ArrayList<>();
    for (TemplateError e : result.errors()) {
      if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
        fatal.add(e);
      }
    }
    if (!fatal.isEmpty()) {
      TemplateError first = fatal.get(0);
      String where = locate(name, text, first);
      StringBuilder message = new StringBuilder(mask(first.getMessage(), secrets));
      if (fatal.size() > 1) {
        message.append(" (and ").append(fatal.size() - 1).append(" more error").append(fatal.size() > 2 ? "s" : "")
            .append(")");
      }
      throw new RenderException(where, Math.max(first.getLineno(), 0), node, message.toString());
    }
    return result.output();
  }

  /** The output and errors of a template's text: what Jinjava's renderForResult gives, on a reused global context. */
  private record Rendered(String output, List<TemplateError> errors) {}

  private Rendered renderText(String text, Map<String, ?> bindings) {
    Context global = Optional.ofNullable(globals.poll()).orElseGet(jinjava::getGlobalContextCopy);
    JinjavaInterpreter interpreter = config.getInterpreterFactory().newInstance(jinjava,
        new Context(global, bindings, config.getDisabled()), config);
    try {
      String output = interpreter.render(trees.tree(text, interpreter));
      if (!config.isKeepTrailingNewline() && output.endsWith("\n")) {
        output = output.substring(0, output.length() - 1);
      }
      return new Rendered(output, interpreter.getErrorsCopy());
    } catch (TemplateSyntaxException e) {
      return failed(TemplateError.fromException(e), interpreter);
    } catch (InterpretException e) {
      return failed(TemplateError.fromSyntaxError(e), interpreter);
    } catch (InvalidArgumentException e) {
      return failed(TemplateError.fromInvalidArgumentException(e), interpreter);
    } catch (InvalidInputException e) {
      return failed(TemplateError.fromInvalidInputException(e), interpreter);
    } catch (RuntimeException e) {
      return failed(TemplateError.fromException(e), interpreter);
    } finally {
      global.reset();
      globals.offer(global);
    }
  }

  private static Rendered failed(TemplateError error, JinjavaInterpreter interpreter) {
    List<TemplateError> errors = new ArrayList<>(List.of(error));
    errors.addAll(interpreter.getErrorsCopy());
    return new Rendered("", errors);
  }

  /**
   * Which template an error is in. Jinjava reports the line, but for an error inside an included template it does not
   * say which; the template whose line holds the offending name is taken.
   */
  private String locate(String name, String text, TemplateError error) {
    Matcher token = UNKNOWN_TOKEN.matcher(String.valueOf(error.getMessage()));
    if (!token.find() || error.getLineno() < 1 || lineHas(text, error.getLineno(), token.group(1))) {
      return name;
    }
    for (String included : included(text, new ArrayList<>(List.of(name)))) {
      Optional<String> source = source(included);
      if (source.isPresent() && lineHas(source.get(), error.getLineno(), token.group(1))) {
        return included;
      }
    }
    return name;
  }

  private List<String> included(String text, List<String> seen) {
    List<String> found = new ArrayList<>();
    Matcher m = INCLUDES.matcher(text);
    while (m.find()) {
      String inc = m.group(1);
      if (!seen.contains(inc) && NAME.matcher(inc).matches()) {
        seen.add(inc);
        found.add(inc);
        source(inc).ifPresent(t -> found.addAll(included(t, seen)));
      }
    }
    return found;
  }

  private static boolean lineHas(String text, int line, String token) {
    String[] lines = text.split("\n", -1);
    return line <= lines.length && lines[line - 1].contains(token);
  }

  private static String mask(String message, Collection<String> secrets) {
    String m = String.valueOf(message);
    for (String s : secrets) {
      if (!s.isEmpty()) {
        m = m.replace(s, "****");
      }
    }
    return m;
  }

  private String lookedIn(String name) {
    List<String> places = new ArrayList<>();
    if (directory != null) {
      places.add(directory.resolve(name).toString());
    }
    if (service != null) {
      places.add(service.directory().map(d -> d.resolve(name).toString())
          .orElse("the service's class path " + serviceResource(name)));
    }
    if (userLoader != null) {
      places.add("the given class loader's " + RESOURCE_ROOT + name);
    }
    places.add("stackwright's " + RESOURCE_ROOT + name);
    return String.join(", ", places);
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("template name \"" + SafeText.printable(String.valueOf(name))
          + "\" is not a relative path of plain names; write it like \"nginx/site.conf.jinja\"");
    }
  }

  Optional<String> source(String name) {
    checkName(name);
    try {
      if (directory != null) {
        Path file = directory.resolve(name);
        if (Files.isRegularFile(file)) {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      Optional<String> own = serviceSource(name);
      if (own.isPresent()) {
        return own;
      }
      if (userLoader != null) {
        Optional<String> s = resource(userLoader, userResources, name);
        if (s.isPresent()) {
          return s;
        }
      }
      return shipped(name);
    } catch (IOException e) {
      throw new RenderException(name, 0, null, "cannot read the template: " + e.getMessage());
    }
  }

  /** The text of a user service's own template of this name, if it has one. */
  private Optional<String> serviceSource(String name) throws IOException {
    if (service == null) {
      return Optional.empty();
    }
    if (service.directory().isPresent()) {
      Path file = service.directory().get().resolve(name);
      return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
          : Optional.empty();
    }
    Optional<String> text = serviceResources.get(name);
    if (text == null) {
      try (InputStream in = service.classLoader().get().getResourceAsStream(serviceResource(name))) {
        text = in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      serviceResources.putIfAbsent(name, text);
    }
    return text;
  }

  private String serviceResource(String name) {
    return service.folder().isEmpty() ? name : service.folder() + "/" + name;
  }

  /** A class path template's text, read from {@code loader} the first time it is asked for. */
  private static Optional<String> resource(ClassLoader loader, Map<String, Optional<String>> read, String name)
      throws IOException {
    Optional<String> text = read.get(name);
    if (text == null) {
      text = resource(loader, name);
      read.putIfAbsent(name, text);
    }
    return text;
  }

  /**
   * One of the templates shipped in core. Read through a class of core rather than its class loader: in the module
   * dev.stackwright.core each template folder is a package of its own, which only the module's classes may read.
   */
  private Optional<String> shipped(String name) throws IOException {
    Optional<String> text = coreResources.get(name);
    if (text == null) {
      try (InputStream in = Templates.class.getResourceAsStream("/" + RESOURCE_ROOT + name)) {
        text = in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      coreResources.putIfAbsent(name, text);
    }
    return text;
  }

  private static Optional<String> resource(ClassLoader loader, String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + name)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Lets templates include, import and extend each other by the same names and look-up. */
  private final class Locator implements ResourceLocator {
    @Override
    public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
      try {
        return source(fullName).orElseThrow(() -> new ResourceNotFoundException("no template " + fullName
            + "; looked in " + lookedIn(fullName)));
      } catch (IllegalArgumentException e) {
        throw new ResourceNotFoundException(e.getMessage());
      }
    }
  }

  /** {@code {{ value | yaml }}}: a YAML double-quoted scalar, for runcmd lines and the like. */
  private static final class YamlStringFilter implements Filter {
    @Override
    public String getName() {
      return "yaml";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return Yaml.quote(String.valueOf(var));
    }
  }
}
