package dev.stackwright.model;

import java.util.List;
import org.immutables.value.Value;

/**
 * Where the nodes get their software: Debian's packages, CouchDB (not packaged for Debian 12, so from a repository of
 * its own) and Flower (from a Python package index). The defaults are the public ones; a cloud without internet, or
 * one with mirrors of its own, names its own here ({@code cluster.packageSources()}).
 */
@Value.Immutable
@ModelStyle
public abstract class PackageSources {
  /** The key CouchDB's repository is signed with. */
  public static final String COUCHDB_KEY_URL = "https://couchdb.apache.org/repo/keys.asc";
  /** The Python Package Index, which Flower is installed from. */
  public static final String PYPI = "https://pypi.org/simple";

  /**
   * The apt sources that replace the image's own {@code /etc/apt/sources.list} before the packages are installed;
   * empty (the default) leaves the image's sources unchanged.
   */
  public abstract List<AptSource> debianMirror();

  /** The repository CouchDB is installed from; CouchDB's official one, with its key, unless set. */
  @Value.Default
  public AptSource couchdbRepository() {
    return AptSource.builder().uri("https://apache.jfrog.io/artifactory/couchdb-deb/").suite("bookworm")
        .addComponents("main").keyUrl(COUCHDB_KEY_URL).build();
  }

  /** The Python package index (a PEP 503 simple index) Flower is installed from; {@link #PYPI} unless set. */
  @Value.Default
  public String pythonIndex() {
    return PYPI;
  }

  /** Debian's own sources as the image has them, CouchDB's repository and PyPI. */
  public static PackageSources defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds package sources; the DSL ({@code cluster.packageSources()}) is the usual way, and checks them. */
  public static final class Builder extends ImmutablePackageSources.Builder {}
}
