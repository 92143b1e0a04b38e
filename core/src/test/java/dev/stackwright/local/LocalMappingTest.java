package dev.stackwright.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Ipv4Address;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalMappingTest {
  private static final Path RUN = Path.of("/tmp/sw-run");

  static Cluster cluster() {
    ClusterDsl c = Stackwright.cluster("t").network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .defaultImage("debian").cpuWeight("server", 1.0);
    c.flavor("small").vcpus(1).ramGb(1).cpuClass("server");
    c.role("controller").address("10.0.0.1").flavor("small");
    c.role("webserver").subnet("10.0.10").firstOffset(3).flavor("small");
    c.role("appserver").subnet("10.0.11").count(2).flavor("small");
    c.role("static").subnet("10.0.12").flavor("small");
    c.role("database").subnet("10.0.20").flavor("small");
    c.role("broker").subnet("10.0.30").flavor("small");
    c.role("worker").subnet("10.0.100").count(2).flavor("small");
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("/opt/demo").version("1");
    return c.build();
  }

  private static LocalMapping unprivileged() {
    return LocalMapping.builder(cluster(), RUN).privilegedPorts(false).build();
  }

  @Test
  void mapsAClusterAddressToTheLoopbackAddressWithTheSameLastOctets() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    Ipv4Address mapped = mapping.address(Ipv4Address.parse("10.0.11.2"));
    // then
    assertThat(mapped).hasToString("127.0.11.2");
  }

  @Test
  void leavesAnAddressOutsideTheClusterNetworkAlone() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    String text = mapping.content("webserver-1", "resolver 192.168.1.1; allow 10.1.0.5; listen 1.10.0.0.1;");
    // then
    assertThat(text).isEqualTo("resolver 192.168.1.1; allow 10.1.0.5; listen 1.10.0.0.1;");
  }

  @Test
  void movesAPrivilegedPortOnAClusterAddressWhenNotRoot() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    String text = mapping.content("webserver-1", "listen 10.0.10.3:80;\nserver 10.0.11.1:8000;");
    // then
    assertThat(text).isEqualTo("listen 127.0.10.3:8080;\nserver 127.0.11.1:8000;");
  }

  @Test
  void keepsPrivilegedPortsForRoot() {
    // given
    LocalMapping mapping = LocalMapping.builder(cluster(), RUN).privilegedPorts(true).build();
    // when
    String text = mapping.content("webserver-1", "listen 10.0.10.3:80; proxy_pass http://10.0.12.1/;");
    // then
    assertThat(text).isEqualTo("listen 127.0.10.3:80; proxy_pass http://127.0.12.1/;");
  }

  @Test
  void givesAUrlItsImpliedPortWhenThatPortMoves() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    String text = mapping.content("controller-1", "proxy_pass http://10.0.12.1/static/;");
    // then
    assertThat(text).isEqualTo("proxy_pass http://127.0.12.1:8080/static/;");
  }

  @Test
  void usesTheRolesConfiguredPort() {
    // given
    LocalMapping mapping = LocalMapping.builder(cluster(), RUN).privilegedPorts(false).port("webserver", 80, 18080)
        .build();
    // when
    String text = mapping.content("webserver-1", "listen 10.0.10.3:80; upstream s { server 10.0.12.1:80; }");
    // then
    assertThat(text).isEqualTo("listen 127.0.10.3:18080; upstream s { server 127.0.12.1:8080; }");
  }

  @Test
  void givesTheRedirectToHttpsThePort443OfTheSitesAddressMovesTo() {
    // given
    LocalMapping mapping = LocalMapping.builder(cluster(), RUN).privilegedPorts(false).port("webserver", 443, 18443)
        .build();
    // when
    String text = mapping.content("webserver-1", "listen 10.0.10.3:443 ssl;\nreturn 301 https://$host$request_uri;");
    // then
    assertThat(text).isEqualTo("listen 127.0.10.3:18443 ssl;\nreturn 301 https://$host:18443$request_uri;");
  }

  @Test
  void leavesTheRedirectToHttpsAloneWhenPort443IsKept() {
    // given
    LocalMapping mapping = LocalMapping.builder(cluster(), RUN).privilegedPorts(true).build();
    // when
    String text = mapping.content("webserver-1", "return 301 https://$host$request_uri;");
    // then
    assertThat(text).isEqualTo("return 301 https://$host$request_uri;");
  }

  @Test
  void refusesAPortForAnUnknownRole() {
    assertThatThrownBy(() -> LocalMapping.builder(cluster(), RUN).port("webservr", 80, 18080))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no role \"webservr\"");
  }

  @Test
  void keepsCredentialsInAUrl() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    String text = mapping.content("appserver-1", "BROKER = \"amqp://demo:s3cret@10.0.30.1:5672/demo\"");
    // then
    assertThat(text).isEqualTo("BROKER = \"amqp://demo:s3cret@127.0.30.1:5672/demo\"");
  }

  @Test
  void mapsACidrToItsLoopbackCounterpart() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    String text = mapping.content("controller-1", "allow 10.0.0.0/16;");
    // then
    assertThat(text).isEqualTo("allow 127.0.0.0/16;");
  }

  @Test
  void movesANodesOwnPathsIntoItsPartOfTheRunDirectory() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    String text = mapping.content("webserver-1",
        "access_log /var/log/nginx/access.log;\npid /run/nginx.pid;\ninclude /etc/nginx/mime.types;\nalias /srv/demo/static/;");
    // then
    assertThat(text).isEqualTo("access_log /tmp/sw-run/webserver-1/var/log/nginx/access.log;\n"
        + "pid /tmp/sw-run/webserver-1/run/nginx.pid;\n"
        + "include /tmp/sw-run/webserver-1/etc/nginx/mime.types;\n"
        + "alias /tmp/sw-run/webserver-1/srv/demo/static/;");
  }

  @Test
  void leavesSystemPathsAndUrlPathsAlone() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    String text = mapping.content("worker-1",
        "ExecStart=/usr/bin/python3 -m celery\nlocation /etc/ { proxy_pass http://10.0.11.1:8000/var/; }\n"
            + "ExecStart=/bin/sh -c 'x'\nsettings=/usr/lib/x/etc/y");
    // then
    assertThat(text).isEqualTo("ExecStart=/usr/bin/python3 -m celery\n"
        + "location /etc/ { proxy_pass http://127.0.11.1:8000/var/; }\nExecStart=/bin/sh -c 'x'\nsettings=/usr/lib/x/etc/y");
  }

  @Test
  void mapsAPathOfANodeToAFileUnderTheNodesRoot() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    Path p = mapping.path("broker-1", "/etc/rabbitmq/rabbitmq.conf");
    // then
    assertThat(p).isEqualTo(Path.of("/tmp/sw-run/broker-1/etc/rabbitmq/rabbitmq.conf"));
    assertThat(mapping.path("broker-1", "/usr/lib/rabbitmq/bin/rabbitmq-server"))
        .isEqualTo(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"));
  }

  @Test
  void givesAnotherNodesLoopbackThatNodesAddress() {
    // given
    LocalMapping mapping = unprivileged();
    // when
    String text = mapping.content("broker-1", "management.tcp.ip = 127.0.0.1\nurl = http://127.0.0.1:15672/");
    // then
    assertThat(text).isEqualTo("management.tcp.ip = 127.0.30.1\nurl = http://127.0.30.1:15672/");
  }
}
