package dev.stackwright.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.fixtures.Seed;
import dev.stackwright.render.RenderedCluster;
import dev.stackwright.render.Renderer;
import dev.stackwright.render.SecretName;
import dev.stackwright.render.SecretSource;
import org.junit.jupiter.api.Test;

/** The rendered-file assertions: text, mode, owner and secrecy, chained across files and nodes. */
class RenderedAssertTest {
  private static final String SITE = "/etc/nginx/sites-enabled/stackwright-webserver.conf";
  private static final String DEFINITIONS = "/etc/rabbitmq/definitions.json";
  private static final String ENV = "/etc/stackwright/demo.env";
  private final RenderedCluster rendered = Renderer.builder().secrets(SecretSource.forTests()).build()
      .render(Seed.named("ra").build());
  private final String rabbitPassword = SecretSource.forTests().find(SecretName.RABBITMQ_PASSWORD).orElseThrow()
      .reveal();

  @Test
  void trueStatementsChainAcrossFilesAndNodes() {
    assertThatCode(() -> RenderedAssert.assertThat(rendered)
        .node("webserver-1")
            .file(SITE).contains("upstream webserver_app_servers {").matches("^\\s*listen 10\\.0\\.10\\.3:80;$")
                .doesNotMatch("listen 443").hasMode(0644).hasOwner("root", "root").isNotSecret()
            .and()
            .file("/etc/hosts").containsLine("10.0.0.1\tcontroller-1 controller")
            .and()
            .doesNotHaveFile("/etc/rabbitmq/rabbitmq.conf")
        .node("server_all-1")
            .file(DEFINITIONS).isSecret().hasMode(0600).hasOwner("rabbitmq:rabbitmq")
            .and()
            .file(ENV).isSecret().contains(rabbitPassword)
            .and()
            .file(RenderedCluster.USER_DATA_PATH).isSecret())
        .doesNotThrowAnyException();
  }

  @Test
  void aWrongPathNamesTheNearestPathTheNodeHas() {
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).node("webserver-1")
        .file("/etc/nginx/sites-enabled/stackwright-websrver.conf"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected webserver-1 to have /etc/nginx/sites-enabled/stackwright-websrver.conf but"
            + " it has no such file; nearest: " + SITE);
  }

  @Test
  void aWrongNodeNamesTheNearestNode() {
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).node("webserver-2"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("nearest: webserver-1");
  }

  @Test
  void missingTextNamesTheNodeAndPathAndShowsTheNearestLine() {
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).file("webserver-1", SITE)
        .contains("listen 10.0.10.4:80;"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected webserver-1:" + SITE + " to contain\n  listen 10.0.10.4:80;\nnearest line:\n"
            + "  listen 10.0.10.3:80;");
  }

  @Test
  void aRegexNotFoundShowsTheNearestLineAndABadOneSaysWhy() {
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).file("webserver-1", SITE).matches("^listen 443;$"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("to match\n  ^listen 443;$\nnearest line:");
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).file("webserver-1", SITE).matches("listen ("))
        .isInstanceOf(AssertionError.class).hasMessageContaining("not a regular expression");
  }

  @Test
  void aSecretFilesFailureShowsNeitherItsContentNorTheTextLookedFor() {
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).file("server_all-1", ENV)
        .doesNotContain(rabbitPassword))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("server_all-1:" + ENV + " (a secret file: its content is never shown)")
        .hasMessageContaining("characters, not shown").hasMessageNotContaining(rabbitPassword)
        .hasMessageNotContaining("amqp");
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).file("server_all-1", ENV)
        .contains("guest")).isInstanceOf(AssertionError.class).hasMessageNotContaining("nearest line")
        .hasMessageNotContaining("guest");
  }

  @Test
  void theWrongModeOrOwnerShowsBoth() {
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).file("server_all-1", DEFINITIONS).hasMode(0640))
        .isInstanceOf(AssertionError.class).hasMessageEndingWith("to have mode 0640 but it has 0600");
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).file("webserver-1", SITE).hasOwner("root:www-data"))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith("to be owned by root:www-data but it is owned by root:root");
  }

  @Test
  void aFileThatIsNotSecretFailsIsSecret() {
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).file("webserver-1", SITE).isSecret())
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected webserver-1:" + SITE + " to be secret but it is not (0644 root:root)");
  }

  @Test
  void aFileThatShouldNotBeThereNamesIt() {
    assertThatThrownBy(() -> RenderedAssert.assertThat(rendered).node("webserver-1").doesNotHaveFile("/etc/hosts"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("expected webserver-1 not to have /etc/hosts");
  }
}
