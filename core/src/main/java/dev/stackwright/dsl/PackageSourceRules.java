package dev.stackwright.dsl;

import dev.stackwright.dsl.PackageSourcesDsl.MirrorLine;
import dev.stackwright.model.AptSource;
import dev.stackwright.model.PackageSources;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The package sources: each written into the user-data's apt sources, a shell command or pip's arguments as it is,
 * so each URL is http or https with a host and of URL characters only, and each apt line has the form apt reads:
 * {@code URL SUITE COMPONENT...}, or {@code URL DIR/} with no components for a flat repository.
 */
final class PackageSourceRules {
  /** http(s), a host name or IPv4 address, an optional port and a path of plain URL characters; no user or query. */
  private static final Pattern URL = Pattern.compile(
      "https?://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~%+/-]*)?");
  /** A suite or component: what apt's archive layout names them with; never an option or a path that climbs. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*|\\./?|\\./[A-Za-z0-9._/-]*");
  private static final String MIRROR_EXAMPLE = "http://deb.example.org/debian bookworm main";
  private static final String FLAT_EXAMPLE = "http://10.0.255.254/debian ./";

  private final Problems problems;

  private PackageSourceRules(Problems problems) {
    this.problems = problems;
  }

  /** The cluster's package sources: the defaults when none are declared, empty when any declared one is refused. */
  static Optional<PackageSources> of(PackageSourcesDsl dsl, Problems problems) {
    if (dsl == null) {
      return Optional.of(PackageSources.defaults());
    }
    return new PackageSourceRules(problems).sources(dsl);
  }

  private Optional<PackageSources> sources(PackageSourcesDsl dsl) {
    PackageSources.Builder b = PackageSources.builder();
    boolean ok = true;
    for (int i = 0; i < dsl.debianMirror.size(); i++) {
      MirrorLine m = dsl.debianMirror.get(i);
      Optional<AptSource> line = line("packageSources.debianMirror[" + i + "]", m.line(), m.unsigned(), null);
      line.ifPresent(b::addDebianMirror);
      ok &= line.isPresent();
    }
    if (dsl.couchdbRepository != null || dsl.couchdbKeyUrl != null) {
      Optional<AptSource> couchdb = couchdb(dsl);
      couchdb.ifPresent(b::couchdbRepository);
      ok &= couchdb.isPresent();
    }
    if (dsl.pythonIndex != null) {
      ok &= url("packageSources.pythonIndex", dsl.pythonIndex, "https://pypi.example.org/simple");
      b.pythonIndex(dsl.pythonIndex);
    }
    return ok ? Optional.of(b.build()) : Optional.empty();
  }

  private Optional<AptSource> couchdb(PackageSourcesDsl dsl) {
    String path = "packageSources.couchdbRepository";
    if (!dsl.couchdbUnsigned && dsl.couchdbKeyUrl == null) {
      problems.missing(path + ".keyUrl", "is not set, and apt refuses a signed repository without its key",
          "give the URL of the repository's ASCII-armored key, such as \"https://deb.example.org/couchdb.asc\", "
              + "or declare it with unsignedCouchdbRepository(...) if it is not signed");
      return Optional.empty();
    }
    return line(path, dsl.couchdbRepository, dsl.couchdbUnsigned, dsl.couchdbKeyUrl);
  }

  /** One apt line, split into its URL, suite and components; {@code keyUrl} null for none. */
  private Optional<AptSource> line(String path, String line, boolean unsigned, String keyUrl) {
    if (!Texts.text(problems, path, line, MIRROR_EXAMPLE)) {
      return Optional.empty();
    }
    List<String> parts = Arrays.asList(line.trim().split(" +"));
    if (parts.size() < 2) {
      problems.problem(path, line, "is not an apt source: it needs a suite after the URL",
          "write URL SUITE COMPONENT..., such as \"" + MIRROR_EXAMPLE + "\", or URL ./ for a flat repository, "
              + "such as \"" + FLAT_EXAMPLE + "\"");
      return Optional.empty();
    }
    boolean ok = url(path, parts.get(0), "http://deb.example.org/debian");
    ok &= words(path, line, parts.subList(1, parts.size()));
    ok &= keyUrl == null || url(path + ".keyUrl", keyUrl, "https://deb.example.org/couchdb.asc");
    if (!ok) {
      return Optional.empty();
    }
    AptSource.Builder s = AptSource.builder().uri(parts.get(0)).suite(parts.get(1))
        .addAllComponents(parts.subList(2, parts.size())).unsigned(unsigned);
    Optional.ofNullable(keyUrl).ifPresent(s::keyUrl);
    return Optional.of(s.build());
  }

  private boolean words(String path, String line, List<String> words) {
    for (String w : words) {
      if (!WORD.matcher(w).matches() || w.contains("..")) {
        problems.problem(path, line, "has \"" + w + "\" where apt expects a suite or component: letters, "
            + "digits, '.', '_', '-' and '/', starting with a letter or digit (or ./ for a flat repository)",
            "write it like \"" + MIRROR_EXAMPLE + "\" or \"" + FLAT_EXAMPLE + "\"");
        return false;
      }
    }
    boolean flat = words.get(0).endsWith("/");
    if (flat && words.size() > 1) {
      problems.problem(path, line, "names components after \"" + words.get(0) + "\", a flat repository's "
          + "directory, and apt refuses components there", "drop them, such as \"" + FLAT_EXAMPLE + "\"");
      return false;
    }
    if (!flat && words.size() < 2) {
      problems.problem(path, line, "names the suite \"" + words.get(0) + "\" but no component, and apt needs one "
          + "after a suite (a flat repository's directory ends in '/')", "add the component, such as \""
          + MIRROR_EXAMPLE + "\", or write a flat repository as \"" + FLAT_EXAMPLE + "\"");
      return false;
    }
    return true;
  }

  private boolean url(String path, String url, String example) {
    if (!Texts.text(problems, path, url, example)) {
      return false;
    }
    if (!URL.matcher(url).matches()) {
      problems.problem(path, url, "is not an http or https URL with a host, of plain URL characters (no user, "
          + "query or space)", "write it like \"" + example + "\"");
      return false;
    }
    return true;
  }
}
