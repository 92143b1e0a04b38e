package dev.stackwright.nodes.internal;

import dev.stackwright.nodes.NodeHealth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's health as the node itself has it: the step records and the user-data (its NoCloud seed) read through its overlay, cloud-init
 * and systemd asked through nsenter into the container. The services are the units the user-data enables, so no list
 * of roles' units is kept twice.
 */
final class Health {
  private static final Pattern ENABLE = Pattern.compile("systemctl enable (?:--now )?[\\\\'\"]*"
      // the unit is quoted once more inside each step's quoting: 'gunicorn.service' arrives as '\\''gunicorn...
      + "([A-Za-z0-9@._-]+?)(?:\\.service)?(?=[ ;&|'\"\\\\]|$)", Pattern.MULTILINE);
  private static final String STANDIN = "stackwright CouchDB stand-in";
  private static final Duration ASK = Duration.ofSeconds(20);

  private Health() {}

  static NodeHealth of(String server, Path merged, Optional<Long> leader) {
    Path records = merged.resolve("var/lib/stackwright");
    List<String> failed = lines(records.resolve("failed-steps"));
    List<String> notInstalled = lines(records.resolve("not-installed"));
    Map<String, String> services = new LinkedHashMap<>();
    String cloudInit = "container not running";
    if (leader.isPresent()) {
      cloudInit = status(leader.get());
      for (String unit : units(read(merged.resolve("var/lib/cloud/seed/nocloud/user-data")))) {
        services.put(unit, notInstalledReason(unit, notInstalled)
            .orElseGet(() -> inside(leader.get(), "systemctl", "is-active", unit).output().strip()));
      }
    }
    List<String> standIns = new ArrayList<>();
    if (read(merged.resolve("opt/couchdb/bin/couchdb")).contains("stand-in")) {
      standIns.add("couchdb: " + STANDIN + " (CouchDB's HTTP API, not CouchDB: no views, replication or clustering)");
    }
    return new NodeHealth(server, cloudInit, failed, notInstalled, services, standIns);
  }

  /** The units a user-data enables, in its order: {@code systemctl enable [--now] UNIT}. */
  static Set<String> units(String userData) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = ENABLE.matcher(userData);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** A unit whose optional install step ({@code UNIT-install}) failed is not installed, for the reason recorded. */
  static Optional<String> notInstalledReason(String unit, List<String> notInstalled) {
    return notInstalled.stream().filter(l -> l.startsWith(unit + "-install:"))
        .map(l -> "not installed: " + l.substring(l.indexOf(':') + 1).replaceFirst("^\\s*not installed,\\s*", ""))
        .findFirst();
  }

  private static String status(long leader) {
    String out = inside(leader, "cloud-init", "status").output();
    Matcher m = Pattern.compile("status: (\\S+)").matcher(out);
    return m.find() ? m.group(1) : "unknown (" + out.strip() + ")";
  }

  private static Host.Result inside(long leader, String... command) {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(leader), "-a"));
    cmd.addAll(List.of(command));
    return Host.run(cmd, null, ASK);
  }

  private static List<String> lines(Path file) {
    return read(file).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
