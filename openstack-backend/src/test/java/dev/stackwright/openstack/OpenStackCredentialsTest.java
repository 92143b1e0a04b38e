package dev.stackwright.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.StackwrightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenStackCredentialsTest {
  @TempDir
  Path dir;

  @Test
  void readsTheLoopbackCloudsOpenrc() throws IOException {
    // given
    Path rc = dir.resolve("demo-openrc");
    Files.writeString(rc, String.join("\n",
        "export OS_AUTH_URL=http://127.0.0.1:5000/v3",
        "export OS_PROJECT_NAME=demo",
        "export OS_USERNAME=demo",
        "export OS_PASSWORD='secret'",
        "export OS_USER_DOMAIN_NAME=Default",
        "export OS_PROJECT_DOMAIN_NAME=\"Default\"",
        "export OS_REGION_NAME=RegionOne",
        "export OS_IDENTITY_API_VERSION=3", ""));

    // when
    OpenStackCredentials c = OpenStackCredentials.fromOpenrc(rc);

    // then
    assertThat(c.authUrl()).isEqualTo("http://127.0.0.1:5000/v3");
    assertThat(c.username()).contains("demo");
    assertThat(c.password()).isEqualTo("secret");
    assertThat(c.projectName()).contains("demo");
    assertThat(c.projectDomainName()).contains("Default");
    assertThat(c.regionName()).contains("RegionOne");
    assertThat(c.endpointInterface()).isEqualTo("public");
  }

  @Test
  void mapsTheV2NamesOfAnOldOpenrc() {
    // given a Horizon v2 file: tenant names, a v2.0 URL, the password read from a prompt
    Map<String, String> vars = new HashMap<>();
    vars.put("OS_AUTH_URL", "https://cloud.example.org:5000/v2.0");
    vars.put("OS_TENANT_NAME", "demo");
    vars.put("OS_TENANT_ID", "");
    vars.put("OS_USERNAME", "demo");
    vars.put("OS_PASSWORD", "secret");
    vars.put("OS_ENDPOINT_TYPE", "internalURL");

    // when
    OpenStackCredentials c = OpenStackCredentials.fromVariables(vars, "a v2 openrc");

    // then
    assertThat(c.authUrl()).isEqualTo("https://cloud.example.org:5000/v3");
    assertThat(c.projectName()).contains("demo");
    assertThat(c.userDomainName()).contains("Default");
    assertThat(c.projectDomainName()).contains("Default");
    assertThat(c.endpointInterface()).isEqualTo("internal");
  }

  @Test
  void skipsAPasswordTheFilePromptsFor() {
    // when
    Map<String, String> vars = dev.stackwright.openstack.internal.Openrc.parse(String.join("\n",
        "#!/usr/bin/env bash", "echo \"Please enter your OpenStack Password: \"", "read -sr OS_PASSWORD_INPUT",
        "export OS_PASSWORD=$OS_PASSWORD_INPUT", "export OS_USERNAME=\"demo\"", "unset OS_TENANT_ID",
        "if [ -z \"$OS_REGION_NAME\" ]; then unset OS_REGION_NAME; fi"));

    // then
    assertThat(vars).containsOnly(Map.entry("OS_USERNAME", "demo"));
  }

  @Test
  void reportsEveryMissingValueAtOnce() {
    // given
    Map<String, String> vars = Map.of("OS_AUTH_URL", "http://127.0.0.1:5000/v3");

    // then
    assertThatThrownBy(() -> OpenStackCredentials.fromVariables(vars, "the environment"))
        .isInstanceOf(StackwrightException.class)
        .hasMessageContaining("from the environment are incomplete")
        .hasMessageContaining("OS_USERNAME")
        .hasMessageContaining("OS_PASSWORD")
        .hasMessageContaining("OS_PROJECT_NAME")
        .hasMessageContaining("source the project's openrc file");
  }

  @Test
  void isEmptyWhenNothingIsSet() {
    assertThat(OpenStackCredentials.fromEnvironment(Map.of("HOME", "/root"), List.of())).isEmpty();
  }

  @Test
  void readsTheCloudOsCloudNamesWithItsSecureYaml() throws IOException {
    // given
    Path clouds = dir.resolve("clouds.yaml");
    Files.writeString(clouds, String.join("\n",
        "clouds:",
        "  loopback:",
        "    auth:",
        "      auth_url: http://127.0.0.1:5000",
        "      username: demo",
        "      project_name: demo",
        "      user_domain_name: Default",
        "      project_domain_name: Default",
        "    region_name: RegionOne",
        "    interface: public",
        "    identity_api_version: 3",
        "  other:",
        "    auth: {auth_url: 'http://x'}", ""));
    Files.writeString(dir.resolve("secure.yaml"), "clouds:\n  loopback:\n    auth:\n      password: secret\n");

    // when
    OpenStackCredentials c = OpenStackCredentials.fromEnvironment(Map.of("OS_CLOUD", "loopback"),
        List.of(dir.resolve("absent.yaml"), clouds)).orElseThrow();

    // then
    assertThat(c.authUrl()).isEqualTo("http://127.0.0.1:5000/v3");
    assertThat(c.password()).isEqualTo("secret");
    assertThat(c.regionName()).contains("RegionOne");
    assertThat(c.source()).contains("cloud \"loopback\" of " + clouds);
  }

  @Test
  void namesTheCloudsACloudsYamlHasWhenOsCloudIsWrong() throws IOException {
    // given
    Path clouds = dir.resolve("clouds.yaml");
    Files.writeString(clouds, "clouds:\n  loopback:\n    auth: {auth_url: 'http://x'}\n  prod:\n    auth: {}\n");

    // then
    assertThatThrownBy(() -> OpenStackCredentials.fromCloudsYaml(clouds, "lopback"))
        .hasMessageContaining("has no such cloud; it has loopback, prod")
        .hasMessageContaining("did you mean \"loopback\"?");
  }

  @Test
  void takesThePasswordFromOsPasswordWhenCloudsYamlHasNone() throws IOException {
    // given
    Path clouds = dir.resolve("clouds.yaml");
    Files.writeString(clouds, "clouds:\n  c:\n    auth:\n      auth_url: http://h:5000/v3\n"
        + "      username: u\n      project_id: p1\n    verify: false\n");

    // when
    OpenStackCredentials c = OpenStackCredentials.fromEnvironment(
        Map.of("OS_CLOUD", "c", "OS_PASSWORD", "pw", "OS_CLIENT_CONFIG_FILE", clouds.toString()), List.of())
        .orElseThrow();

    // then
    assertThat(c.password()).isEqualTo("pw");
    assertThat(c.projectId()).contains("p1");
    assertThat(c.insecure()).isTrue();
  }

  @Test
  void neverShowsThePassword() {
    // given
    OpenStackCredentials c = OpenStackCredentials.builder().authUrl("http://h:5000").username("u")
        .password("hunter2").projectName("p").build();

    // then
    assertThat(c.toString()).doesNotContain("hunter2").contains("password=****");
  }

  @Test
  void refusesAnAuthTypeItCannotSignInWith() {
    assertThatThrownBy(() -> OpenStackCredentials.fromVariables(Map.of("OS_AUTH_TYPE", "v3applicationcredential",
        "OS_AUTH_URL", "http://h"), "the environment"))
        .hasMessageContaining("OS_AUTH_TYPE \"v3applicationcredential\" in the environment is not supported");
  }
}
