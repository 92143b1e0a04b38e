package dev.stackwright.render;

import java.util.Locale;

/**
 * The secrets a cluster's configs need. Each can be given in the environment as {@code STACKWRIGHT_SECRET_<NAME>},
 * in a properties file under its {@link #key()}, or be generated once (see {@link SecretSource}).
 */
public enum SecretName {
  /** The password of the admin pages on the controller (basic auth), also the RabbitMQ administrator's. */
  ADMIN_PASSWORD(24),
  /** The password the application uses on the broker. */
  RABBITMQ_PASSWORD(32),
  /** The CouchDB administrator's password, which the application uses too. */
  COUCHDB_ADMIN_PASSWORD(32),
  /** The Erlang cookie CouchDB's nodes share. */
  COUCHDB_COOKIE(40),
  /** Django's {@code SECRET_KEY}. */
  DJANGO_SECRET_KEY(50);

  /** The shortest value accepted from a source, so that a typo such as an empty variable cannot slip through. */
  public static final int MIN_LENGTH = 12;

  private final int generatedLength;

  SecretName(int generatedLength) {
    this.generatedLength = generatedLength;
  }

  /** The key in a properties file: {@code rabbitmq_password}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The environment variable: {@code STACKWRIGHT_SECRET_RABBITMQ_PASSWORD}. */
  public String environmentVariable() {
    return "STACKWRIGHT_SECRET_" + name();
  }

  /** How many characters a generated value has. */
  public int generatedLength() {
    return generatedLength;
  }
}
