package dev.stackwright.nodes.internal;

import dev.stackwright.spi.ResourceId;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The backend's state: one directory per resource under the state root, named by its cloud id, holding
 * {@code resource.properties} (marker, spec, facts, host facts, references) and, for a server, its overlay and
 * console log. Written by replacing the file whole, so a crash leaves the old state or the new, never half. Not
 * thread-safe: the backend calls it under its lock.
 */
public final class StateStore {
  static final String FILE = "resource.properties";
  private final Path root;

  public StateStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path dir(String cloudId) {
    return root.resolve(cloudId);
  }

  public List<Entry> all() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.sorted().filter(d -> Files.isRegularFile(d.resolve(FILE))).forEach(d -> out.add(read(d)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the nodes backend's state in " + root, e);
    }
    return out;
  }

  public Optional<Entry> get(String cloudId) {
    Path d = dir(cloudId);
    return Files.isRegularFile(d.resolve(FILE)) ? Optional.of(read(d)) : Optional.empty();
  }

  public void put(Entry e) {
    Properties p = toProperties(e);
    Path d = dir(e.cloudId());
    try {
      Files.createDirectories(d);
      Path tmp = d.resolve(FILE + ".new");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "stackwright nodes backend: one resource");
      }
      Files.move(tmp, d.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the state of " + e.spec().id() + " to " + d, ex);
    }
  }

  /** Forgets {@code cloudId}: its state file first, so a crash half-way leaves no resource, only a directory. */
  public void forget(String cloudId) {
    try {
      Files.deleteIfExists(dir(cloudId).resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the state of " + cloudId + " from " + root, e);
    }
  }

  static Properties toProperties(Entry e) {
    Properties p = new Properties();
    e.cluster().ifPresent(c -> p.setProperty("marker.cluster", c));
    e.id().ifPresent(id -> p.setProperty("marker.id", id.toString()));
    SpecCodec.write(e.spec(), p);
    e.facts().forEach((k, v) -> p.setProperty("fact." + k, v));
    e.host().forEach((k, v) -> p.setProperty("host." + k, v));
    p.setProperty("refs", SpecCodec.joined(e.refs()));
    return p;
  }

  static Entry fromProperties(String cloudId, Properties p) {
    return new Entry(cloudId, Optional.ofNullable(p.getProperty("marker.cluster")),
        Optional.ofNullable(p.getProperty("marker.id")).map(ResourceId::parse), SpecCodec.read(p),
        SpecCodec.prefixed(p, "fact."), SpecCodec.prefixed(p, "host."),
        new HashSet<>(SpecCodec.split(p.getProperty("refs"))));
  }

  private static Entry read(Path d) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(d.resolve(FILE), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the nodes backend's state " + d.resolve(FILE), e);
    }
    return fromProperties(d.getFileName().toString(), p);
  }
}
