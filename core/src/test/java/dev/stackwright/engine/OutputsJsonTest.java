package dev.stackwright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code output --json}'s shape: every key, always, in its order, absent values as null, strings escaped. */
class OutputsJsonTest {
  private static final Outputs FULL = new Outputs("seed", "openstack", Optional.of("http://203.0.113.10/"),
      Optional.of("http://203.0.113.11/"), List.of(new Outputs.FloatingIp("controller-1", "203.0.113.11"),
      new Outputs.FloatingIp("webserver-1", "203.0.113.10")), Optional.of(new Outputs.Ssh("debian", "203.0.113.11",
      Optional.of(Path.of("/root/.ssh/id_ed25519")), Optional.of("webserver-1"), Optional.of("10.0.10.3"))),
      Optional.empty());

  @Test
  void everyKeyIsThereInTheDocumentedOrder() {
    // when
    String json = FULL.toJson();

    // then
    assertThat(json).isEqualTo("""
        {
          "format": 1,
          "cluster": "seed",
          "backend": "openstack",
          "reachable": true,
          "note": null,
          "load_balancer_url": "http://203.0.113.10/",
          "admin_url": "http://203.0.113.11/",
          "floating_ips": [
            {
              "address": "203.0.113.11",
              "node": "controller-1"
            },
            {
              "address": "203.0.113.10",
              "node": "webserver-1"
            }
          ],
          "ssh": {
            "user": "debian",
            "host": "203.0.113.11",
            "identity_file": "/root/.ssh/id_ed25519",
            "command": "ssh -i /root/.ssh/id_ed25519 debian@203.0.113.11",
            "inner_node": "webserver-1",
            "inner_command": "ssh -i /root/.ssh/id_ed25519 -J debian@203.0.113.11 debian@10.0.10.3"
          }
        }
        """);
  }

  @Test
  void absentValuesAreNullAndTheKeysStay() {
    // given
    Outputs none = new Outputs("seed", "memory", Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
        Optional.of("in-memory cloud: addresses are not reachable"));

    // when
    String json = none.toJson();

    // then
    assertThat(json).contains("\"reachable\": false", "\"note\": \"in-memory cloud: addresses are not reachable\"",
        "\"load_balancer_url\": null", "\"admin_url\": null", "\"floating_ips\": []", "\"ssh\": null");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() {
    // given
    Outputs odd = new Outputs("seed", "we\"ird\\\n\u0001", Optional.empty(), Optional.empty(), List.of(),
        Optional.empty(), Optional.empty());

    // when
    String json = odd.toJson();

    // then
    assertThat(json).contains("\"backend\": \"we\\\"ird\\\\\\n\\u0001\"");
  }
}
