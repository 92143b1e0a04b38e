package dev.stackwright.dsl;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the nodes get their software, when not from the public sources:
 *
 * <pre>{@code
 * cluster.packageSources()
 *     .debianMirror("http://deb.example.org/debian bookworm main")
 *     .couchdbRepository("https://deb.example.org/couchdb bookworm main", "https://deb.example.org/couchdb.asc")
 *     .pythonIndex("https://pypi.example.org/simple");
 * }</pre>
 *
 * A source is written as apt's {@code deb} line has it without the {@code deb}: {@code URL SUITE COMPONENT...}, or
 * {@code URL ./} for a flat repository.
 */
public final class PackageSourcesDsl extends DslPart {
  /** One line of the Debian mirror, and whether it is signed by Debian's archive key or not at all. */
  record MirrorLine(String line, boolean unsigned) {}

  final List<MirrorLine> debianMirror = new ArrayList<>();
  String couchdbRepository;
  String couchdbKeyUrl;
  boolean couchdbUnsigned;
  String pythonIndex;

  PackageSourcesDsl(ClusterDsl cluster) {
    super(cluster);
  }

  /**
   * A Debian mirror signed with Debian's archive key (as every copy of Debian's archive is; the image trusts that key
   * already). The mirror's lines replace the image's sources before any package is installed; call again for more
   * lines, such as the security suite: {@code "http://deb.example.org/debian-security bookworm-security main"}.
   */
  public PackageSourcesDsl debianMirror(String line) {
    checkOpen();
    debianMirror.add(new MirrorLine(line, false));
    return this;
  }

  /**
   * A repository of Debian packages that is not signed, such as a flat directory of .debs served on the cloud's own
   * network: {@code "http://10.0.255.254/debian ./"}. apt is told to trust it ({@code trusted=yes}), so it installs
   * whatever that address serves, unverified: whoever can answer for the address decides what runs as root on every
   * node. Use it only on a network you control.
   */
  public PackageSourcesDsl unsignedDebianMirror(String line) {
    checkOpen();
    debianMirror.add(new MirrorLine(line, true));
    return this;
  }

  /** The repository CouchDB is installed from, and the URL of its ASCII-armored signing key. */
  public PackageSourcesDsl couchdbRepository(String line, String keyUrl) {
    checkOpen();
    couchdbRepository = line;
    couchdbKeyUrl = keyUrl;
    couchdbUnsigned = false;
    return this;
  }

  /** An unsigned repository CouchDB is installed from; trusted unverified, as {@link #unsignedDebianMirror} says. */
  public PackageSourcesDsl unsignedCouchdbRepository(String line) {
    checkOpen();
    couchdbRepository = line;
    couchdbKeyUrl = null;
    couchdbUnsigned = true;
    return this;
  }

  /** The Python package index Flower is installed from (a simple index, as pip's {@code --index-url} takes it). */
  public PackageSourcesDsl pythonIndex(String url) {
    checkOpen();
    pythonIndex = url;
    return this;
  }
}
