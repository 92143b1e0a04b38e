package dev.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.local.LocalEndpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTextTest {
  @Test
  void findsEveryNginxListenWithOrWithoutAnAddress() {
    // when
    List<LocalEndpoint> listens = ConfigText.nginxListens("server { listen 127.0.10.3:80 default_server;\n"
        + "# listen 1.2.3.4:9;\n  listen 8080; }");
    // then
    assertThat(listens).containsExactly(new LocalEndpoint("127.0.10.3", 80), new LocalEndpoint("*", 8080));
  }

  @Test
  void readsGunicornBindsAsAStringOrAList() {
    assertThat(ConfigText.gunicornBinds("bind = \"127.0.11.1:8000\"\n"))
        .containsExactly(new LocalEndpoint("127.0.11.1", 8000));
    assertThat(ConfigText.gunicornBinds("bind = ['127.0.11.1:8000', 'unix:/run/g.sock']\n"))
        .containsExactly(new LocalEndpoint("127.0.11.1", 8000));
  }

  @Test
  void readsAnEnvFileLikeSystemdAndShDoForTheSimpleCases() {
    // when
    var env = ConfigText.envFile("# comment\nexport A=1\nB=\"two words\"\nC='${A} literal'\nD=${A}-$B\n");
    // then
    assertThat(env).containsEntry("A", "1").containsEntry("B", "two words").containsEntry("C", "${A} literal")
        .containsEntry("D", "1-two words");
  }

  @Test
  void readsAUnitsServiceSectionWithContinuedLines() {
    // when
    var s = ConfigText.unitService("[Unit]\nDescription=x\n[Service]\nEnvironment=A=1 \"B=2 3\"\n"
        + "ExecStart=/usr/bin/gunicorn \\\n  -c /etc/g.py app:wsgi\n[Install]\nWantedBy=multi-user.target\n");
    // then
    assertThat(s.get("ExecStart")).containsExactly("/usr/bin/gunicorn  -c /etc/g.py app:wsgi");
    assertThat(ConfigText.words(s.get("Environment").get(0))).containsExactly("A=1", "B=2 3");
    assertThat(s).doesNotContainKey("WantedBy");
  }

  @Test
  void readsIniSections() {
    // when
    var ini = ConfigText.ini("[chttpd]\nbind_address = 127.0.20.1\nport = 5984\n; comment\n[admins]\nadmin = pw\n");
    // then
    assertThat(ini.get("chttpd")).containsEntry("bind_address", "127.0.20.1").containsEntry("port", "5984");
    assertThat(ini.get("admins")).containsEntry("admin", "pw");
  }
}
