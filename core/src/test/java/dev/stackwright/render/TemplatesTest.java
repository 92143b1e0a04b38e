package dev.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stackwright.InvalidClusterException;
import dev.stackwright.RenderException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
  private static Renderer.Builder builder() {
    return Renderer.builder().secrets(SecretSource.of(Topologies.secrets()));
  }

  private static void write(Path root, String name, String text) throws IOException {
    Files.createDirectories(root.resolve(name).getParent());
    Files.writeString(root.resolve(name), text);
  }

  @Test
  void aTemplateInTheDirectoryOverridesTheShippedOne(@TempDir Path dir) throws IOException {
    // given
    write(dir, "nginx/static.conf.jinja", "# mine\nserver { listen {{ instance.address }}:8081; }\n");

    // when
    RenderedCluster r = builder().templateDirectory(dir).build().render(Topologies.seed());

    // then
    assertThat(r.file("server_all-1", "/etc/nginx/sites-enabled/stackwright-static.conf").orElseThrow().content())
        .isEqualTo("# mine\nserver { listen 10.0.12.1:8081; }\n");
    assertThat(r.file("webserver-1", "/etc/nginx/sites-enabled/stackwright-webserver.conf").orElseThrow()
        .content()).contains("upstream webserver_app_servers");
  }

  @Test
  void aTemplateOnTheGivenClassPathOverridesTheShippedOne(@TempDir Path dir) throws IOException {
    // given
    write(dir, "dev/stackwright/templates/common/hosts.jinja", "# hosts from my jar\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {

      // when
      RenderedCluster r = builder().templateClassLoader(loader).build().render(Topologies.seed());

      // then
      assertThat(r.file("worker-1", "/etc/hosts").orElseThrow().content()).isEqualTo("# hosts from my jar\n");
    }
  }

  @Test
  void anExtraFileLandsOnEveryNodeThatCarriesItsRole(@TempDir Path dir) throws IOException {
    // given
    write(dir, "mine/worker.ini.jinja", "[worker]\nname = {{ instance.name }}\nbroker = {{ instances.broker[0]"
        + ".address }}\n");
    Renderer renderer = builder().templateDirectory(dir).addFile("worker", "/etc/mine/worker.ini",
        "mine/worker.ini.jinja", 0640, "root:demo").build();

    // when
    RenderedCluster r = renderer.render(Topologies.seed());

    // then
    RenderedFile f = r.file("worker-2", "/etc/mine/worker.ini").orElseThrow();
    assertThat(f.content()).isEqualTo("[worker]\nname = worker-2\nbroker = 10.0.30.1\n");
    assertThat(f.modeOctal()).isEqualTo("0640");
    assertThat(f.owner()).isEqualTo("root:demo");
    assertThat(r.file("server_all-1", "/etc/mine/worker.ini")).isEmpty();
    assertThat(r.manifest("worker-3")).containsKey("/etc/mine/worker.ini");
    assertThat(r.userData("worker-3")).contains("  - path: /etc/mine/worker.ini\n");
  }

  @Test
  void anExtraFileThatHoldsASecretBecomesSecret(@TempDir Path dir) throws IOException {
    // given
    write(dir, "mine/pw.jinja", "{{ secrets.rabbitmq_password }}\n");

    // when
    RenderedCluster r = builder().templateDirectory(dir).addFile("broker", "/etc/mine/pw", "mine/pw.jinja").build()
        .render(Topologies.seed());

    // then
    RenderedFile f = r.file("server_all-1", "/etc/mine/pw").orElseThrow();
    assertThat(f.secret()).isTrue();
    assertThat(f.mode()).isEqualTo(0600);
  }

  @Test
  void anExtraFileForAnUnknownRoleIsReportedWithTheClosestName(@TempDir Path dir) throws IOException {
    // given
    write(dir, "mine/x.jinja", "x\n");
    Renderer renderer = builder().templateDirectory(dir).addFile("workr", "/etc/x", "mine/x.jinja").build();

    // when / then
    assertThatThrownBy(() -> renderer.render(Topologies.seed())).isInstanceOf(InvalidClusterException.class)
        .hasMessageContaining("[renderer.addFile[/etc/x]] \"workr\" names no role of cluster seed; did you mean "
            + "\"worker\"?");
  }

  @Test
  void anExtraFileWithoutItsTemplateFailsWhenTheRendererIsBuilt() {
    assertThatThrownBy(() -> builder().addFile("worker", "/etc/x", "mine/missing.jinja").build())
        .isInstanceOf(RenderException.class).hasMessageContaining("mine/missing.jinja")
        .hasMessageContaining("no such template");
  }

  @Test
  void aTemplateErrorNamesTheTemplateAndTheLine(@TempDir Path dir) throws IOException {
    // given
    write(dir, "nginx/static.conf.jinja", "server {\n  listen {{ instance.address }}:80;\n"
        + "  root {{ app.static_rot }};\n}\n");
    Renderer renderer = builder().templateDirectory(dir).build();

    // when
    RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(Topologies.seed()));

    // then
    assertThat(e.template()).isEqualTo("nginx/static.conf.jinja");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.node()).contains("server_all-1");
    assertThat(e).hasMessage("template \"nginx/static.conf.jinja\" line 3 (rendering for node server_all-1): "
        + "UnknownTokenException: Unknown token found: app.static_rot");
  }

  @Test
  void anErrorInAnIncludedTemplateNamesThatTemplate(@TempDir Path dir) throws IOException {
    // given
    write(dir, "common/hosts.jinja", "# hosts\n{% include 'mine/more-hosts.jinja' %}\n");
    write(dir, "mine/more-hosts.jinja", "10.0.0.9 extra\n\n{{ nodes[0].nmae }}\n");
    Renderer renderer = builder().templateDirectory(dir).build();

    // when
    RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(Topologies.seed()));

    // then
    assertThat(e.template()).isEqualTo("mine/more-hosts.jinja");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void aSyntaxErrorNamesTheTemplateAndTheLine(@TempDir Path dir) throws IOException {
    // given
    write(dir, "systemd/celery.service.jinja", "[Unit]\nDescription=x\n{% if instance.name %}\n[Service]\n");
    Renderer renderer = builder().templateDirectory(dir).build();

    // when
    RenderException e = catchThrowableOfType(RenderException.class, () -> renderer.render(Topologies.seed()));

    // then
    assertThat(e.template()).isEqualTo("systemd/celery.service.jinja");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e).hasMessageContaining("Missing end tag: endif");
  }
}
