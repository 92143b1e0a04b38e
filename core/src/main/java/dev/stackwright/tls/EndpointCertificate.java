package dev.stackwright.tls;

import dev.stackwright.render.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One TLS endpoint's certificate as its node gets it: the chain (leaf first), the CA that clients trust, the private
 * key (a {@link Secret}: never in a log, a message or a plan), and why it is what it is. {@link #toString()} shows no
 * key.
 */
public final class EndpointCertificate {
  private final String instance;
  private final String chainPem;
  private final String caPem;
  private final Secret privateKey;
  private final List<String> names;
  private final Instant notAfter;
  private final String reason;
  private final boolean issuedNow;
  private final List<String> warnings;

  private EndpointCertificate(Builder b) {
    this.instance = Objects.requireNonNull(b.instance, "instance");
    this.chainPem = Objects.requireNonNull(b.chainPem, "chainPem");
    this.caPem = Objects.requireNonNull(b.caPem, "caPem");
    this.privateKey = Objects.requireNonNull(b.privateKey, "privateKey");
    this.names = List.copyOf(b.names);
    this.notAfter = Objects.requireNonNull(b.notAfter, "notAfter");
    this.reason = Objects.requireNonNull(b.reason, "reason");
    this.issuedNow = b.issuedNow;
    this.warnings = List.copyOf(b.warnings);
  }

  /** For a {@link Certificates} of one's own. */
  public static Builder builder(String instance) {
    return new Builder(instance);
  }

  /** The role instance it is for, such as {@code webserver-1}. */
  public String instance() {
    return instance;
  }

  /** The leaf certificate, then the certificates between it and the CA, in PEM. */
  public String chainPem() {
    return chainPem;
  }

  /** The certificate clients trust: the cluster CA's, or the top of the user's chain, in PEM. */
  public String caPem() {
    return caPem;
  }

  /** The leaf's private key in PEM. */
  public Secret privateKey() {
    return privateKey;
  }

  /** The names the leaf carries: addresses and DNS names. */
  public List<String> names() {
    return names;
  }

  /** When the leaf expires. */
  public Instant notAfter() {
    return notAfter;
  }

  /**
   * Why the leaf is the one it is, kept from when it was issued: {@code first certificate}, {@code expires on
   * 2027-01-02, within 30 days}, {@code names changed: + 10.0.10.4, - old.example.org}; for the user's own, where it
   * was given.
   */
  public String reason() {
    return reason;
  }

  /** Whether this render issued it (rather than finding a kept one still good). */
  public boolean issuedNow() {
    return issuedNow;
  }

  /** What the user should see to before it is too late: a certificate of theirs expiring soon, or a name missing. */
  public List<String> warnings() {
    return warnings;
  }

  /** The instance, names, expiry and reason; never the key. */
  @Override
  public String toString() {
    return "EndpointCertificate[" + instance + ", names=" + names + ", notAfter=" + notAfter + ", reason=" + reason
        + "]";
  }

  /** Collects an endpoint certificate's parts. Not thread-safe. */
  public static final class Builder {
    private final String instance;
    private String chainPem;
    private String caPem;
    private Secret privateKey;
    private List<String> names = List.of();
    private Instant notAfter;
    private String reason;
    private boolean issuedNow;
    private List<String> warnings = List.of();

    private Builder(String instance) {
      this.instance = instance;
    }

    public Builder chainPem(String pem) {
      this.chainPem = pem;
      return this;
    }

    public Builder caPem(String pem) {
      this.caPem = pem;
      return this;
    }

    public Builder privateKey(Secret key) {
      this.privateKey = key;
      return this;
    }

    public Builder names(List<String> names) {
      this.names = names;
      return this;
    }

    public Builder notAfter(Instant notAfter) {
      this.notAfter = notAfter;
      return this;
    }

    public Builder reason(String reason, boolean issuedNow) {
      this.reason = reason;
      this.issuedNow = issuedNow;
      return this;
    }

    public Builder warnings(List<String> warnings) {
      this.warnings = warnings;
      return this;
    }

    public EndpointCertificate build() {
      return new EndpointCertificate(this);
    }
  }
}
