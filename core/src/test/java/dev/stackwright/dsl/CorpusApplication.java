package dev.stackwright.dsl;

import static dev.stackwright.dsl.Corpus.bad;
import static dev.stackwright.dsl.Corpus.seed;
import static dev.stackwright.dsl.Corpus.withApplication;

import dev.stackwright.dsl.Corpus.Case;
import java.util.List;

/**
 * The corpus's application: where its code comes from, where it lives and where its static files are served from,
 * each allowed only where it means what it is for (a directory of the application's own, a URL git takes).
 */
final class CorpusApplication {
  private CorpusApplication() {}

  private static final String HOME_FIX = "such as \"/srv/demo\"";
  private static final String SOURCE_FIX = "a git URL (https://, ssh://, git:// or user@host:path)";
  private static final String STATIC_FIX = "such as \"/srv/demo/static\"";

  static final List<Case> CASES = List.of(
      bad("a missing application", () -> Corpus.small("noapp"), "application", null,
          "call cluster.application(\"demo\")"),
      bad("a second application", seed(c -> c.application("other")), "application", "other",
          "declare one application per cluster"),
      bad("a WSGI entry point without a callable", withApplication(a -> a.wsgi("demo.wsgi")),
          "application[demo].wsgi", "demo.wsgi", "write it like \"demo.wsgi:application\""),
      bad("an application version with a Unicode line separator", withApplication(a -> a.version("v1\u2028x")),
          "application[demo].version", "v1\u2028x", "remove it"),
      bad("an application version with a newline", withApplication(a -> a.version("v1\nrm -rf /")),
          "application[demo].version", "v1\nrm -rf /", "remove it"),
      bad("an application version git reads as an option", withApplication(a -> a.version("--upload-pack=id")),
          "application[demo].version", "--upload-pack=id", "write it like \"v1.0\""),
      // ---- home ----
      bad("application home with a trailing ..", withApplication(a -> a.home("/srv/demo/..")),
          "application[demo].home", "/srv/demo/..", HOME_FIX),
      bad("home /etc (chown -R as root)", withApplication(a -> a.home("/etc")), "application[demo].home", "/etc",
          HOME_FIX),
      bad("home /", withApplication(a -> a.home("/")), "application[demo].home", "/", HOME_FIX),
      bad("home /srv, shared by every service", withApplication(a -> a.home("/srv")), "application[demo].home",
          "/srv", HOME_FIX),
      bad("home /root", withApplication(a -> a.home("/root")), "application[demo].home", "/root", HOME_FIX),
      bad("home under /usr", withApplication(a -> a.home("/usr/lib/demo")), "application[demo].home",
          "/usr/lib/demo", HOME_FIX),
      bad("home the image user's", withApplication(a -> a.home("/home/debian")), "application[demo].home",
          "/home/debian", HOME_FIX),
      bad("home the CouchDB install", withApplication(a -> a.home("/opt/couchdb")), "application[demo].home",
          "/opt/couchdb", HOME_FIX),
      bad("home /srv/demo with a trailing slash", withApplication(a -> a.home("/srv/demo/")),
          "application[demo].home", "/srv/demo/", "such as \"/opt/demo\""),
      // ---- source ----
      bad("source / (linked as the home and chowned through the link)", withApplication(a -> a.source("/")),
          "application[demo].source", "/", SOURCE_FIX),
      bad("source /etc", withApplication(a -> a.source("/etc")), "application[demo].source", "/etc", SOURCE_FIX),
      bad("source git reads as an option", withApplication(a -> a.source("--upload-pack=touch /tmp/x")),
          "application[demo].source", "--upload-pack=touch /tmp/x", SOURCE_FIX),
      bad("source over ssh to a host ssh reads as an option", withApplication(a ->
          a.source("ssh://-oProxyCommand=id/demo.git")), "application[demo].source",
          "ssh://-oProxyCommand=id/demo.git", SOURCE_FIX),
      bad("source by ftp", withApplication(a -> a.source("ftp://example.org/demo.git")), "application[demo].source",
          "ftp://example.org/demo.git", SOURCE_FIX),
      bad("source a file URL", withApplication(a -> a.source("file:///etc")), "application[demo].source",
          "file:///etc", SOURCE_FIX),
      bad("source a relative path", withApplication(a -> a.source("demo.git")), "application[demo].source",
          "demo.git", SOURCE_FIX),
      bad("source with a shell's & and spaces", withApplication(a -> a.source("https://x.org/d.git & id")),
          "application[demo].source", "https://x.org/d.git & id", SOURCE_FIX),
      bad("source inside the home", withApplication(a -> a.source("/srv/demo/code")), "application[demo].source",
          "/srv/demo/code", "the home itself, \"/srv/demo\""),
      // ---- static root ----
      bad("static root /etc, served to the world", withApplication(a -> a.staticRoot("/etc")),
          "application[demo].staticRoot", "/etc", STATIC_FIX),
      bad("static root the home (serves the code and .git)", withApplication(a -> a.staticRoot("/srv/demo")),
          "application[demo].staticRoot", "/srv/demo", STATIC_FIX),
      bad("static root above the home", withApplication(a -> a.staticRoot("/srv")), "application[demo].staticRoot",
          "/srv", STATIC_FIX),
      bad("static root the home's .git", withApplication(a -> a.staticRoot("/srv/demo/.git")),
          "application[demo].staticRoot", "/srv/demo/.git", STATIC_FIX),
      bad("static root the home's code", withApplication(a -> a.staticRoot("/srv/demo/demo")),
          "application[demo].staticRoot", "/srv/demo/demo", STATIC_FIX),
      bad("static root that contains the home", withApplication(a -> a.home("/srv/demo/app").staticRoot("/srv/demo")),
          "application[demo].staticRoot", "/srv/demo", "such as \"/srv/demo/app/static\""));
}
