package dev.stackwright.render;

import dev.stackwright.internal.SafeText;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret a cluster's configs need: one of stackwright's five ({@link #builtIn()}), or one a service declares of its
 * own ({@code Service.Builder.secret("redis_password", 32)}). Each can be given in the environment as
 * {@code STACKWRIGHT_SECRET_<KEY>}, in a properties file under its {@link #key()}, or be generated once (see
 * {@link SecretSource}). Two names are equal when their keys are.
 */
public final class SecretName {
  /** The password of the admin pages on the controller (basic auth), also the RabbitMQ administrator's. */
  public static final SecretName ADMIN_PASSWORD = new SecretName("admin_password", 24);
  /** The password the application uses on the broker. */
  public static final SecretName RABBITMQ_PASSWORD = new SecretName("rabbitmq_password", 32);
  /** The CouchDB administrator's password, which the application uses too. */
  public static final SecretName COUCHDB_ADMIN_PASSWORD = new SecretName("couchdb_admin_password", 32);
  /** The Erlang cookie CouchDB's nodes share. */
  public static final SecretName COUCHDB_COOKIE = new SecretName("couchdb_cookie", 40);
  /** Django's {@code SECRET_KEY}. */
  public static final SecretName DJANGO_SECRET_KEY = new SecretName("django_secret_key", 50);

  /**
   * The user's TLS certificate chain in PEM, the server's certificate first, for a cluster whose {@code tls()} says
   * {@code USER_PROVIDED}: the PEM text itself, or {@code file:} and an absolute path to a PEM file (handier in a
   * properties file). Never generated.
   */
  public static final SecretName TLS_CERTIFICATE_CHAIN = new SecretName("tls_certificate_chain", 0);
  /** The unencrypted private key of {@link #TLS_CERTIFICATE_CHAIN}'s first certificate, given the same ways. */
  public static final SecretName TLS_PRIVATE_KEY = new SecretName("tls_private_key", 0);

  /** The shortest value accepted from a source, so that a typo such as an empty variable cannot slip through. */
  public static final int MIN_LENGTH = 12;
  /** The longest generated value a service may ask for. */
  public static final int MAX_LENGTH = 256;
  /** What a key may be: it is a properties key, a template name and, upper-cased, an environment variable's tail. */
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private static final List<SecretName> BUILT_IN = List.of(ADMIN_PASSWORD, RABBITMQ_PASSWORD,
      COUCHDB_ADMIN_PASSWORD, COUCHDB_COOKIE, DJANGO_SECRET_KEY);

  private final String key;
  private final int generatedLength;

  private SecretName(String key, int generatedLength) {
    this.key = key;
    this.generatedLength = generatedLength;
  }

  /**
   * A secret of a service's own: {@code key} such as {@code redis_password}, generated {@code generatedLength}
   * characters long. A built-in's key gives the built-in, whose length it must then have.
   *
   * @throws IllegalArgumentException when the key or the length is not one a secret can have
   */
  public static SecretName of(String key, int generatedLength) {
    Objects.requireNonNull(key, "key");
    if (!isKey(key)) {
      throw new IllegalArgumentException("secret key \"" + SafeText.printable(key) + "\" is not a "
          + "secret's key; write it like \"redis_password\": a lower-case letter, then lower-case letters, digits "
          + "and _, at most 64");
    }
    if (generatedLength < MIN_LENGTH || generatedLength > MAX_LENGTH) {
      throw new IllegalArgumentException("secret[" + key + "] length " + generatedLength + " is out of range; "
          + "give a length from " + MIN_LENGTH + " to " + MAX_LENGTH + ", such as 32");
    }
    SecretName name = new SecretName(key, generatedLength);
    for (SecretName b : BUILT_IN) {
      if (b.equals(name) && b.generatedLength != generatedLength) {
        throw new IllegalArgumentException("secret[" + key + "] is stackwright's own, generated "
            + b.generatedLength + " characters long; name it without a length, as SecretName." + b.name());
      }
    }
    if (name.equals(TLS_CERTIFICATE_CHAIN) || name.equals(TLS_PRIVATE_KEY)) {
      throw new IllegalArgumentException("secret[" + key + "] is the user's TLS certificate or key, never generated;"
          + " give your service's secret another key, such as \"" + key.replace("tls_", "my_tls_") + "\"");
    }
    return name;
  }

  /** True when {@code key} is one a secret may have: a lower-case letter, then lower-case letters, digits and _. */
  public static boolean isKey(String key) {
    return KEY.matcher(key).matches();
  }

  /** Stackwright's own five, in a fixed order. */
  public static List<SecretName> builtIn() {
    return BUILT_IN;
  }

  /** The key in a properties file: {@code rabbitmq_password}. */
  public String key() {
    return key;
  }

  /** The key in capitals: {@code RABBITMQ_PASSWORD}. */
  public String name() {
    return key.toUpperCase(Locale.ROOT);
  }

  /** The environment variable: {@code STACKWRIGHT_SECRET_RABBITMQ_PASSWORD}. */
  public String environmentVariable() {
    return "STACKWRIGHT_SECRET_" + name();
  }

  /** How many characters a generated value has; 0 for one only the user can give ({@link #generated()}). */
  public int generatedLength() {
    return generatedLength;
  }

  /**
   * Whether a source may make the value up ({@link SecretSource#generatedIn}, {@link SecretSource#forTests()}): not
   * so for what only the user has, such as {@link #TLS_PRIVATE_KEY}.
   */
  public boolean generated() {
    return generatedLength > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretName other && key.equals(other.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return name();
  }
}
