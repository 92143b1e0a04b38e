package dev.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code <pre>{@code ...}</pre>} example in the javadoc of the public types of core's {@code testing} and
 * {@code cli} packages (and {@code SecretSource}) is compiled against the class path, and run against the seed: a
 * statement example gets the variables {@link JavadocFixtures} names (the seed's plan, its rendered files...), so an
 * assertion example that is not true of the seed, or names a path the seed does not have, fails here. An example
 * that declares a method (a {@code main}) is compiled only.
 */
class JavadocExamplesTest {
  private static final List<String> SOURCES = List.of("core/src/main/java/dev/stackwright/testing",
      "core/src/main/java/dev/stackwright/cli", "core/src/main/java/dev/stackwright/render/SecretSource.java");
  private static final Pattern EXAMPLE = Pattern.compile("<pre>\\{@code[ \\t]*\\n(.*?)\\n[ \\t]*\\*[ \\t]*\\}</pre>",
      Pattern.DOTALL);
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^public (final |abstract )?(class|interface|enum|record) ", Pattern.MULTILINE);
  private static final String IMPORTS = Stream.of("dev.stackwright", "dev.stackwright.cli", "dev.stackwright.dsl",
      "dev.stackwright.engine", "dev.stackwright.examples", "dev.stackwright.memory", "dev.stackwright.model",
      "dev.stackwright.render", "dev.stackwright.services", "dev.stackwright.spi", "dev.stackwright.testing",
      "java.nio.file", "java.util").map(p -> "import " + p + ".*;\n").reduce("", String::concat);

  @TempDir
  Path classes;

  @TestFactory
  Stream<DynamicTest> everyJavadocExampleCompilesAndHoldsForTheSeed() throws IOException {
    // given
    Path top = Path.of("").toAbsolutePath().getParent();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files(top)) {
      String text = Files.readString(file);
      if (!PUBLIC_TYPE.matcher(text).find()) {
        continue;
      }
      Matcher m = EXAMPLE.matcher(text);
      int n = 0;
      while (m.find()) {
        String example = unstarred(m.group(1));
        String name = top.relativize(file) + " example " + (++n);
        tests.add(DynamicTest.dynamicTest(name, () -> check(name, example)));
      }
    }
    assertThat(tests).as("the testing package's javadoc has examples").hasSizeGreaterThanOrEqualTo(3);
    return tests.stream();
  }

  @Test
  void anExampleThatIsNotTrueOfTheSeedFails() {
    assertThatThrownBy(() -> check("wrong", "PlanAssert.assertThat(plan).createsServer(\"worker-4\");"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("the example fails against the seed")
        .hasMessageContaining("nearest: + create server/worker-");
  }

  @Test
  void anExampleThatDoesNotCompileFails() {
    String typo = "RenderedAssert.assertThat(rendered).node(\"webserver-1\").fiel(\"/etc/hosts\");";
    assertThatThrownBy(() -> check("typo", typo))
        .isInstanceOf(AssertionError.class).hasMessageContaining("the example does not compile")
        .hasMessageContaining("fiel");
  }

  /** Compiles {@code example} and, unless it declares a method, runs it with the seed's variables. */
  private void check(String name, String example) throws Throwable {
    String className = "Example" + Math.abs(name.hashCode());
    Class<?> compiled = compile(className, source(className, example), example);
    if (!isMember(example)) {
      run(compiled, example);
    }
  }

  private static List<Path> files(Path top) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String s : SOURCES) {
      Path p = top.resolve(s);
      if (Files.isDirectory(p)) {
        try (Stream<Path> in = Files.list(p)) {
          in.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }

  /** The example's lines without the javadoc margin ({@code " * "}). */
  static String unstarred(String block) {
    StringBuilder b = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      b.append(line.replaceFirst("^\\s*\\* ?", "")).append('\n');
    }
    return b.toString().replace("&#64;", "@");
  }

  /** A method declared whole ({@code public static void main(...)}) rather than statements. */
  private static boolean isMember(String example) {
    String first = example.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("//")).findFirst().orElse("");
    return first.matches("\\s*(public |private |static |void ).*");
  }

  private static String source(String className, String example) {
    String body = isMember(example) ? example
        : "  public static void run(" + JavadocFixtures.PARAMETERS + ") throws Exception {\n" + example + "\n  }\n";
    return "package docs.examples;\n" + IMPORTS + "@SuppressWarnings(\"unused\")\npublic class " + className
        + " {\n" + body + "}\n";
  }

  private Class<?> compile(String className, String source, String example) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(problems, Locale.ROOT, null)) {
      JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///docs/examples/" + className + ".java"),
          JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      boolean ok = javac.getTask(null, files, problems, List.of("-classpath", System.getProperty("java.class.path"),
          "-d", classes.toString(), "-proc:none"), null, List.of(unit)).call();
      StringBuilder errors = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : problems.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.append("\n  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT));
        }
      }
      assertThat(ok).as("the example does not compile:%s\n%s", errors, example).isTrue();
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    return loader.loadClass("docs.examples." + className);
  }

  private static void run(Class<?> compiled, String example) throws Throwable {
    Method run = compiled.getMethod("run", JavadocFixtures.TYPES);
    try {
      run.invoke(null, JavadocFixtures.forTheSeed().arguments());
    } catch (InvocationTargetException e) {
      throw new AssertionError("the example fails against the seed: " + e.getCause().getMessage() + "\n" + example,
          e.getCause());
    }
  }
}
