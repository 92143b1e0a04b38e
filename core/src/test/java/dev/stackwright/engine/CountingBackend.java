package dev.stackwright.engine;

import dev.stackwright.spi.Backend;
import dev.stackwright.spi.Capabilities;
import dev.stackwright.spi.Created;
import dev.stackwright.spi.Observation;
import dev.stackwright.spi.Observed;
import dev.stackwright.spi.References;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that counts every call made to the one it wraps, by method, so a test can prove that nothing reached the
 * cloud (bad input must be refused before the first request). Counts the calls that would be requests (observe,
 * find, create, update, delete) apart from the local questions (name, capabilities).
 */
public class CountingBackend implements Backend {
  private final Backend inner;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  public CountingBackend(Backend inner) {
    this.inner = inner;
  }

  private void count(String method) {
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  /** Every call by method name, for a failure message that says what was called. */
  public Map<String, Integer> calls() {
    Map<String, Integer> out = new TreeMap<>();
    calls.forEach((m, n) -> out.put(m, n.get()));
    return out;
  }

  /** The calls that would be requests to a cloud. */
  public int requests() {
    return calls.entrySet().stream().filter(e -> !e.getKey().equals("name") && !e.getKey().equals("capabilities"))
        .mapToInt(e -> e.getValue().get()).sum();
  }

  @Override
  public String name() {
    count("name");
    return inner.name();
  }

  @Override
  public Capabilities capabilities() {
    count("capabilities");
    return inner.capabilities();
  }

  @Override
  public Observation observe(String cluster) {
    count("observe");
    return inner.observe(cluster);
  }

  @Override
  public Optional<Observed> find(String cluster, ResourceId id) {
    count("find");
    return inner.find(cluster, id);
  }

  @Override
  public Observed create(String cluster, ResourceSpec spec, References refs) {
    count("create");
    return inner.create(cluster, spec, refs);
  }

  @Override
  public java.util.List<Created> createAll(String cluster, java.util.List<ResourceSpec> specs, References refs) {
    count("createAll");
    return inner.createAll(cluster, specs, refs);
  }

  @Override
  public java.util.List<Created> updateAll(String cluster, java.util.List<Observed> current,
      java.util.List<ResourceSpec> desired, References refs) {
    count("updateAll");
    return inner.updateAll(cluster, current, desired, refs);
  }

  @Override
  public Observed update(String cluster, Observed current, ResourceSpec desired, References refs) {
    count("update");
    return inner.update(cluster, current, desired, refs);
  }

  @Override
  public void delete(String cluster, Observed current) {
    count("delete");
    inner.delete(cluster, current);
  }

  @Override
  public java.util.List<String> serverReports(String cluster) {
    count("serverReports");
    return inner.serverReports(cluster);
  }
}
