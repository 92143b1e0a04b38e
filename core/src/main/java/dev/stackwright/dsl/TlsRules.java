package dev.stackwright.dsl;

import dev.stackwright.model.Tls;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** TLS settings: domain names a certificate can carry, and an HSTS max-age a browser keeps. */
final class TlsRules {
  /** A host name of letters, digits and hyphens, dot-separated, with at least two labels; "*." may lead. */
  private static final Pattern DOMAIN = Pattern.compile(
      "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
  /** Browsers cap HSTS at about two years; more is a typo. */
  static final Duration LONGEST_HSTS = Duration.ofDays(2 * 366);

  private TlsRules() {}

  static Optional<Tls> of(TlsDsl dsl, Problems problems) {
    if (dsl == null) {
      return Optional.empty();
    }
    Tls.Builder tls = Tls.builder().certificates(dsl.certificates);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < dsl.domains.size(); i++) {
      String name = dsl.domains.get(i);
      String path = "cluster.tls.domains[" + i + "]";
      if (name == null || name.length() > 253 || !DOMAIN.matcher(name).matches()) {
        problems.problem(path, name, "is not a lower-case DNS name a certificate can carry",
            "write a fully qualified name such as \"demo.example.org\" (\"*.example.org\" for a wildcard)");
      } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        problems.problem(path, name, "is named twice", "name each domain once");
      } else {
        tls.addDomains(name);
      }
    }
    if (dsl.hsts != null) {
      if (dsl.hsts.isNegative() || dsl.hsts.isZero() || dsl.hsts.compareTo(LONGEST_HSTS) > 0) {
        problems.problem("cluster.tls.hsts", dsl.hsts, "is not a max-age between one second and two years",
            "use Duration.ofDays(365), the common choice, or leave HSTS out");
      } else {
        tls.hsts(dsl.hsts);
      }
    }
    return Optional.of(tls.build());
  }
}
