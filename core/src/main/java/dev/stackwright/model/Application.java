package dev.stackwright.model;

import org.immutables.value.Value;

/**
 * The user's application that the app servers serve and the workers run: its WSGI entry point, its Celery app,
 * where its code comes from and which version, and where its static files are collected.
 */
@Value.Immutable
@ModelStyle
public abstract class Application {
  /** A short name, used for the Django settings module's service names, the vhost and the database user. */
  public abstract String name();

  /** The WSGI callable, such as {@code demo.wsgi:application}. */
  public abstract String wsgi();

  /** The Celery app, as {@code celery -A} takes it, such as {@code demo}. */
  public abstract String celeryApp();

  /** Where the code comes from: a git URL, or a path on the node when the image already has it. */
  public abstract String source();

  /** The version to deploy: a git tag or commit, or a release number. */
  public abstract String version();

  /** Where the code lives on the node. */
  @Value.Default
  public String home() {
    return "/srv/" + name();
  }

  /** Where the static files are collected and served from on the static servers. */
  @Value.Default
  public String staticRoot() {
    return home() + "/static";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an application; the DSL is the usual way. */
  public static final class Builder extends ImmutableApplication.Builder {}
}
