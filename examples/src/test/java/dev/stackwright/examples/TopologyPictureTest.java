package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.Cli;
import dev.stackwright.cli.ExitCode;
import dev.stackwright.engine.SecurityRules;
import dev.stackwright.examples.Validators.Result;
import dev.stackwright.examples.Validators.Tool;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.report.TopologyGraph;
import dev.stackwright.spi.RuleSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's picture as a person sees it: the graph verb writes the DOT and, with Graphviz, the SVG; headless
 * Chromium lays the SVG out in a page whose script lists what was drawn: each text with a box of its own inside the
 * picture, and each edge whose path has a length, with its label. The test reads that list, not the file. Needs
 * Graphviz ({@code dot}) and Chromium: skipped without them, failed under CI=true (.ci/install-daemons.sh installs
 * both). And the seed's picture checked in under docs/figures is the one the code draws now.
 */
class TopologyPictureTest {
  private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);
  /** Lists what the browser drew into two pre elements, a line each, after the page is laid out. */
  private static final String LIST_DRAWN = """
      <pre id="drawn"></pre><pre id="edges"></pre>
      <script>
      const picture = document.querySelector('svg').getBoundingClientRect();
      const inside = r => r.width > 0 && r.height > 0 && r.left >= picture.left - 1 && r.right <= picture.right + 1
          && r.top >= picture.top - 1 && r.bottom <= picture.bottom + 1;
      const drawn = t => t.getComputedTextLength() > 0 && inside(t.getBoundingClientRect());
      document.getElementById('drawn').textContent = [...document.querySelectorAll('svg text')].filter(drawn)
          .map(t => t.textContent).join('\\n');
      document.getElementById('edges').textContent = [...document.querySelectorAll('svg g.edge')]
          .filter(g => [...g.querySelectorAll('path')].some(p => p.getTotalLength() > 0))
          .map(g => g.id + '\\t' + [...g.querySelectorAll('text')].filter(drawn).map(t => t.textContent).join(' '))
          .join('\\n');
      </script>
      """;

  @TempDir
  Path dir;

  private final Validators validators = new Validators();

  @Test
  void chromiumDrawsEveryVmRoleAddressAndTheEdgeOfEverySecurityRuleWithItsPort() throws Exception {
    // given: the picture the verb makes of the seed, in a page
    Validators.absent(Tool.GRAPHVIZ_DOT, Tool.CHROMIUM).ifPresent(Validators::missing);
    Cluster seed = SeedCluster.build();
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(said, true, StandardCharsets.UTF_8);
    int exit = Cli.builder().cluster(SeedCluster::build).out(print).err(print).build()
        .run("graph", dir.resolve("seed.dot").toString());
    assertThat(exit).as(said.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.OK);
    Path page = page(dir.resolve("seed.svg"));

    // when
    String dom = domAfterLayout(page);

    // then: every VM, role instance and address is drawn text
    List<String> texts = pre(dom, "drawn").lines().toList();
    for (Node node : seed.nodes()) {
      assertThat(texts).as("drawn texts").contains(node.name());
      for (RoleInstance r : node.roles()) {
        assertThat(texts).contains(r.name(), r.address().toString());
      }
    }
    // and every rule the engine derives is a drawn edge labelled with its port and protocol, and no other edge is
    Map<String, String> edges = pre(dom, "edges").lines().map(l -> l.split("\t", 2))
        .collect(Collectors.toMap(e -> e[0], e -> e.length > 1 ? e[1] : "", (a, b) -> a + " | " + b,
            LinkedHashMap::new));
    Map<String, RuleSpec> rules = new LinkedHashMap<>();
    SecurityRules.of(seed).forEach((service, list) -> list.forEach(r -> rules.put(service.name() + ": "
        + r.describe(), r)));
    assertThat(edges.keySet()).containsExactlyInAnyOrderElementsOf(rules.keySet());
    rules.forEach((id, rule) -> assertThat(edges.get(id)).as("the label of edge %s", id)
        .endsWith(rule.portMin() + "/" + rule.protocol()));
    assertThat(edges).containsEntry("broker: tcp 5672 from security-group/worker", "amqp 5672/tcp")
        .containsEntry("webserver: tcp 80 from 0.0.0.0/0", "http 80/tcp");
    assertThat(texts).contains("anyone", "0.0.0.0/0", "SSH jump host, public entry");
  }

  @Test
  void theCheckedInFigureIsTheSeedsPictureAsTheCodeDrawsItNow() throws Exception {
    // given
    Cluster seed = SeedCluster.build();

    // when
    // tag::graph[]
    String dot = TopologyGraph.of(seed).toDot();
    // end::graph[]

    // then
    assertThat(Files.readString(Validators.repositoryRoot().resolve("docs/figures/seed-topology.dot")))
        .as("docs/figures/seed-topology.dot is not the seed's picture as drawn now; regenerate it and its SVG with"
            + " bash examples/seed graph docs/figures/seed-topology")
        .isEqualTo(dot);
  }

  /** A page with the SVG in it as the verb wrote it (less its XML prolog), then the script that lists the drawing. */
  private Path page(Path svg) throws Exception {
    String picture = Files.readString(svg).replaceFirst("(?s)^<\\?xml.*?\\?>", "")
        .replaceFirst("(?s)<!DOCTYPE[^>]*>", "");
    Path page = dir.resolve("seed.html");
    Files.writeString(page, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>seed</title></head><body>\n"
        + picture + LIST_DRAWN + "</body></html>\n");
    return page;
  }

  /** The page's DOM after Chromium laid it out and ran its script; its own messages go to a log of their own. */
  private String domAfterLayout(Path page) throws Exception {
    Path dom = dir.resolve("dom.html");
    Path log = dir.resolve("chromium.log");
    Result r = validators.run("chromium --dump-dom", "seed.svg", List.of("sh", "-c",
        "exec \"$CHROMIUM\" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions"
            + " --user-data-dir=\"$PROFILE\" --dump-dom \"file://$PAGE\" > \"$DOM\" 2> \"$LOG\""), dir,
        Map.of("CHROMIUM", Validators.path(Tool.CHROMIUM), "PROFILE", dir.resolve("profile").toString(),
            "PAGE", page.toString(), "DOM", dom.toString(), "LOG", log.toString()), BROWSER_TIMEOUT);
    assertThat(r.ok()).as("chromium: %s\n%s", r, Files.exists(log) ? Files.readString(log) : "").isTrue();
    return Files.readString(dom);
  }

  /** The text of {@code <pre id="id">} in the serialized DOM, its entities read back. */
  private static String pre(String dom, String id) {
    Matcher m = Pattern.compile("<pre id=\"" + id + "\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertThat(m.find()).as("the page's script wrote <pre id=\"%s\">: %s", id, dom).isTrue();
    return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&");
  }
}
