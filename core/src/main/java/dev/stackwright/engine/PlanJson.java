package dev.stackwright.engine;

import dev.stackwright.internal.JsonText;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ServerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan as the JSON document {@code docs/schema/plan-v1.schema.json} describes. The version says what a reader can
 * rely on: a field added keeps version 1; a field removed, renamed or given another meaning makes version 2. Values
 * are those the plan prints (ids, reasons, digests), never a file's content or a secret.
 */
final class PlanJson {
  /** The schema this writer follows: {@code docs/schema/plan-v1.schema.json}. */
  static final int SCHEMA_VERSION = 1;

  private PlanJson() {}

  static String write(Plan plan) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schemaVersion", SCHEMA_VERSION);
    doc.put("cluster", plan.cluster());
    doc.put("backend", plan.backend());
    doc.put("empty", plan.isEmpty());
    doc.put("pending", plan.pending());
    doc.put("destroysData", plan.destroysData());
    doc.put("changes", plan.changes().stream().map(c -> change(plan, c)).toList());
    doc.put("drift", plan.drift().stream().map(PlanJson::drift).toList());
    doc.put("conflicts", plan.conflicts().stream().map(PlanJson::conflict).toList());
    doc.put("notes", plan.notes());
    doc.put("summary", summary(plan));
    doc.put("files", plan.fileChanges().stream().map(PlanJson::file).toList());
    return JsonText.write(doc);
  }

  /** {@code create}, {@code update}, {@code replace}, {@code delete}, {@code await}, {@code reconfigure}... */
  static String word(Action action) {
    return action.name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, Object> change(Plan plan, Change c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", word(c.action()));
    m.put("resource", resource(c.id()));
    m.put("name", c.name());
    m.put("cloudId", c.current().map(o -> o.cloudId()));
    m.put("reason", c.reason());
    m.put("destroysData", c.destroysData());
    m.put("duplicate", c.duplicate());
    m.put("changedPaths", changedPaths(c));
    m.put("node", plan.nodeWork(c.id()).map(PlanJson::node));
    return m;
  }

  /** A server's files whose digests differ from what the cloud records (all of a new server's); none otherwise. */
  private static List<String> changedPaths(Change c) {
    if (c.action() == Action.DELETE || !(c.desired().orElseThrow() instanceof ServerSpec want)) {
      return List.of();
    }
    Map<String, String> had = c.current().map(o -> o.spec() instanceof ServerSpec s ? s.fileDigests()
        : Map.<String, String>of()).orElse(Map.of());
    return new ArrayList<>(Differences.changedPaths(want.fileDigests(), had));
  }

  private static Map<String, Object> node(NodeWork w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", w.node());
    m.put("host", w.host());
    m.put("via", w.via().map(ResourceId::toString));
    m.put("files", w.files());
    m.put("commands", w.commands());
    m.put("checks", w.checks());
    m.put("boots", w.boots());
    return m;
  }

  private static Map<String, Object> resource(ResourceId id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id.toString());
    m.put("kind", id.kind().id());
    m.put("key", id.key());
    return m;
  }

  private static Map<String, Object> drift(Drift d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", resource(d.id()));
    m.put("reason", d.reason());
    m.put("keptByPolicy", d.keptByPolicy());
    m.put("status", d.keptByPolicy() ? "kept-by-policy" : "not-delivered");
    return m;
  }

  private static Map<String, Object> conflict(Conflict c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", resource(c.id()));
    m.put("cloudId", c.cloudId());
    m.put("name", c.name());
    m.put("reason", c.reason());
    m.put("fix", c.fix());
    return m;
  }

  private static Map<String, Object> summary(Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Action a : Action.values()) {
      m.put(word(a), plan.count(a));
    }
    m.put("conflicts", plan.conflicts().size());
    m.put("notDelivered", plan.undelivered());
    m.put("unchanged", plan.unchanged());
    m.put("text", plan.summary());
    return m;
  }

  private static Map<String, Object> file(FileChange f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", f.node());
    m.put("path", f.path());
    m.put("status", f.status());
    m.put("oldDigest", f.oldDigest());
    m.put("newDigest", f.newDigest());
    m.put("secret", f.secret());
    m.put("linesAdded", f.linesAdded());
    m.put("linesRemoved", f.linesRemoved());
    f.reason().ifPresent(r -> m.put("reason", r));
    return m;
  }
}
