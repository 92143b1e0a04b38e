package dev.stackwright.nodes;

import dev.stackwright.Stackwright;
import dev.stackwright.dsl.ClusterDsl;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.HealthCheck;
import dev.stackwright.model.OnChange;
import dev.stackwright.model.OsRelease;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;
import dev.stackwright.model.TemplateSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest cluster a day-two bad case needs on the rig: the controller (the jump host) and {@code probes} nodes
 * of a service of the user's own, {@code probe}, optionally one node of a second such service, {@code peer} (another
 * host kind). Each of their nodes holds {@value #CONF} ({@code text=TEXT}, reload of unit {@code probe}) and
 * {@value #EXTRA} (no action), both changing with the text, and the unit {@code probe}, whose reload takes two
 * seconds and fails while the conf says {@code text=bad}. With {@code failingCheck}, the probe service has a health
 * check on a port nothing listens on.
 */
final class ProbeCluster {
  static final String CONF = "/etc/probe/probe.conf";
  static final String EXTRA = "/etc/probe/extra.conf";
  static final String UNIT = "/etc/systemd/system/probe.service";
  static final String TEMPLATES = "target/probe-templates";
  /**
   * A unit that runs nothing and whose reload takes two seconds (so a rollout can be caught between two nodes) and
   * fails while the conf says "bad" (so a reload can fail on purpose).
   */
  private static final String UNIT_TEXT = """
      [Unit]
      Description=stackwright day-two probe

      [Service]
      Type=simple
      ExecStart=/bin/sleep infinity
      ExecReload=/bin/sh -c 'sleep 2; ! grep -q "^text=bad" /etc/probe/probe.conf'

      [Install]
      WantedBy=multi-user.target
      """;

  private final String name;
  private int probes = 2;
  private String probeText = "v1";
  private String peerText = "";
  private boolean failingCheck;
  private boolean ownNetwork;

  private ProbeCluster(String name) {
    this.name = name;
  }

  static ProbeCluster named(String name) {
    return new ProbeCluster(name);
  }

  ProbeCluster probes(int count, String text) {
    this.probes = count;
    this.probeText = text;
    return this;
  }

  /** One node of the second kind, holding {@code text}. */
  ProbeCluster peer(String text) {
    this.peerText = text;
    return this;
  }

  /** The cluster owns its network: records of the rig's bridge. */
  ProbeCluster ownNetwork() {
    this.ownNetwork = true;
    return this;
  }

  ProbeCluster failingCheck() {
    this.failingCheck = true;
    return this;
  }

  Cluster build() {
    ClusterDsl c = Stackwright.cluster(name).network("10.0.0.0/16").gateway("10.0.0.254").dhcpPool("10.0.254.0/24")
        .defaultImage("debian-12", OsRelease.DEBIAN_12).cpuWeight("server", 0.5).adminCidr("10.0.255.254/32");
    if (ownNetwork) {
      c.ownNetwork();
    }
    c.flavor("controller").vcpus(1).ramGb(1).cpuClass("server");
    c.flavor("small").vcpus(1).ramGb(1).cpuClass("server");
    c.role("controller").address("10.0.0.1").flavor("controller");
    c.service(service("probe", probeText, failingCheck));
    c.role("probe").subnet("10.0.50").count(probes).flavor("small");
    if (!peerText.isEmpty()) {
      c.service(service("peer", peerText, false));
      c.role("peer").subnet("10.0.51").flavor("small");
    }
    // named by the controller's files; no node of this cluster runs the application
    c.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source("git://10.0.255.254/demo.git")
        .version("v1.0");
    c.packageSources().unsignedDebianMirror("http://10.0.255.254/debian ./");
    return c.build();
  }

  private static Service service(String name, String text, boolean failingCheck) {
    Service.Builder b = Service.builder(name).title("day-two " + name)
        .templates(TemplateSource.directory(templates(name, text)))
        .file("unit.service", UNIT, "root:root", 0644, OnChange.restart("probe"))
        .file("probe.conf", CONF, "root:root", 0644, OnChange.reload("probe"))
        .file("extra.conf", EXTRA, "root:root", 0644, OnChange.NOTHING)
        .bootStep("probe", "systemctl daemon-reload && systemctl enable --now probe");
    if (failingCheck) {
      // nothing ever listens on it: the check can only time out
      b.port(ServicePort.tcp(name + "check", 7999)).health(HealthCheck.tcp(name + "check"));
    }
    return b.build();
  }

  /**
   * The service's templates, with {@code text} written in (a service of the user's own computes its values in its
   * templates): under {@value #TEMPLATES}, relative to the working directory, so a child JVM started there renders
   * the same files.
   */
  private static Path templates(String name, String text) {
    Path dir = Path.of(TEMPLATES, name + "-" + text).toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("probe.conf"), "text=" + text + "\n");
      Files.writeString(dir.resolve("extra.conf"), "# changes with probe.conf: a node holds both old or both new\n"
          + "extra=" + text + "\n");
      Files.writeString(dir.resolve("unit.service"), UNIT_TEXT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
