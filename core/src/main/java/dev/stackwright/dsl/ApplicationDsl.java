package dev.stackwright.dsl;

/**
 * The user's application:
 * {@code cluster.application("demo").wsgi("demo.wsgi:application").celeryApp("demo").source(url).version("v1")}.
 */
public final class ApplicationDsl extends DslPart {
  final String name;
  String wsgi;
  String celeryApp;
  String source;
  String version;
  String home;
  String staticRoot;

  ApplicationDsl(ClusterDsl cluster, String name) {
    super(cluster);
    this.name = name;
  }

  /** The WSGI callable gunicorn serves, {@code module:callable}. */
  public ApplicationDsl wsgi(String wsgi) {
    checkOpen();
    this.wsgi = wsgi;
    return this;
  }

  /** The Celery app as {@code celery -A} takes it. */
  public ApplicationDsl celeryApp(String celeryApp) {
    checkOpen();
    this.celeryApp = celeryApp;
    return this;
  }

  /** Where the code comes from: a git URL, or an absolute path already on the image. */
  public ApplicationDsl source(String source) {
    checkOpen();
    this.source = source;
    return this;
  }

  /** The version to deploy: a git tag or commit. */
  public ApplicationDsl version(String version) {
    checkOpen();
    this.version = version;
    return this;
  }

  /** Where the code lives on the node; {@code /srv/<name>} unless set. */
  public ApplicationDsl home(String home) {
    checkOpen();
    this.home = home;
    return this;
  }

  /** Where static files are collected; {@code <home>/static} unless set. */
  public ApplicationDsl staticRoot(String staticRoot) {
    checkOpen();
    this.staticRoot = staticRoot;
    return this;
  }
}
