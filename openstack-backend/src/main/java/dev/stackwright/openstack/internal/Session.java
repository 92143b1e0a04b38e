package dev.stackwright.openstack.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.Closest;
import dev.stackwright.openstack.OpenStackCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.client.IOSClientBuilder;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.ProxyHost;
import org.openstack4j.model.common.Identifier;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.openstack.OSFactory;

/**
 * openstack4j's client is bound to a thread (a static ThreadLocal), so this keeps what a client is made from - the
 * token, the config and the region - and gives every call, on whatever thread it runs, a client made from them. The
 * token is renewed (a new password authentication) before it expires, under a lock, once for all threads. Never keeps
 * an {@code OSClientV3}. Thread-safe.
 */
public final class Session {
  private final OpenStackCredentials credentials;
  private final Config config;
  private final Facing facing;
  private final Clock clock;
  private final Duration refreshMargin;
  private final Settings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Token token;
  private volatile String region;
  private volatile int authentications;

  public Session(OpenStackCredentials credentials, Settings settings, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
    this.refreshMargin = settings.tokenRefreshMargin();
    this.settings = settings;
    this.facing = Facing.value(credentials.endpointInterface());
    Config c = Config.newConfig()
        .withConnectionTimeout((int) settings.connectTimeout().toMillis())
        .withReadTimeout((int) settings.readTimeout().toMillis());
    settings.proxy().ifPresent(p -> c.withProxy(ProxyHost.of(p.getScheme() + "://" + p.getHost(), p.getPort())));
    if (credentials.insecure()) {
      c.withSSLVerificationDisabled();
    } else if (credentials.caCertFile().isPresent()) {
      c.withSSLContext(sslContext(credentials.caCertFile().get()));
    }
    this.config = c;
  }

  /**
   * Makes this thread's openstack4j client from the kept token, config and region, renewing the token first when it
   * expires within the margin. Call it at the start of every call on every thread.
   */
  public OSClientV3 bind() {
    Token t = freshToken();
    return OSFactory.clientFromToken(t, facing, config).useRegion(region);
  }

  /** The region every call uses. */
  public String region() {
    freshToken();
    return region;
  }

  /** The project the token is scoped to. */
  public String projectId() {
    return freshToken().getProject().getId();
  }

  /** The credentials' user and project, for messages. */
  public String who() {
    return credentials.username().orElse(credentials.userId().orElse("?")) + " in project "
        + credentials.projectName().orElse(credentials.projectId().orElse("?")) + " at " + credentials.authUrl();
  }

  /** How many times this session has signed in (the first time included). */
  public int authentications() {
    return authentications;
  }

  /** The token was refused (401) though it had not expired, as after a revocation: sign in again. */
  public void invalidate(Token refused) {
    lock.lock();
    try {
      if (token == refused) {
        token = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The token the calls are currently made with. */
  public Token currentToken() {
    return freshToken();
  }

  private Token freshToken() {
    Token t = token;
    if (t != null && !expiresSoon(t)) {
      return t;
    }
    lock.lock();
    try {
      t = token;
      if (t == null || expiresSoon(t)) {
        t = authenticate();
        region = chooseRegion(t);
        token = t;
      }
      return t;
    } finally {
      lock.unlock();
    }
  }

  /**
   * True when the token expires within the margin; for tokens that live less than twice the margin, within half
   * their lifetime, so a short-lived token is not renewed on every call.
   */
  private boolean expiresSoon(Token t) {
    if (t.getExpires() == null) {
      return true;
    }
    Instant expires = Instant.ofEpochMilli(t.getExpires().getTime());
    Duration margin = refreshMargin;
    if (t.getIssuedAt() != null) {
      Duration half = Duration.between(Instant.ofEpochMilli(t.getIssuedAt().getTime()), expires).dividedBy(2);
      if (half.compareTo(margin) < 0) {
        margin = half;
      }
    }
    return !clock.instant().plus(margin).isBefore(expires);
  }

  private Token authenticate() {
    IOSClientBuilder.V3 b = OSFactory.builderV3().withConfig(config).endpoint(credentials.authUrl())
        .perspective(facing);
    Identifier userDomain = credentials.userDomainId().map(Identifier::byId)
        .orElseGet(() -> Identifier.byName(credentials.userDomainName().orElse("Default")));
    if (credentials.username().isPresent()) {
      b.credentials(credentials.username().get(), credentials.password(), userDomain);
    } else {
      b.credentials(credentials.userId().orElseThrow(), credentials.password());
    }
    if (credentials.projectId().isPresent()) {
      b.scopeToProject(Identifier.byId(credentials.projectId().get()));
    } else {
      Identifier projectDomain = credentials.projectDomainId().map(Identifier::byId)
          .orElseGet(() -> Identifier.byName(credentials.projectDomainName().orElse("Default")));
      b.scopeToProject(Identifier.byName(credentials.projectName().orElseThrow()), projectDomain);
    }
    try {
      OSClientV3 client = withRetries(b);
      authentications++;
      return client.getToken();
    } catch (AuthenticationException e) {
      throw new StackwrightException("Keystone at " + credentials.authUrl() + " refused to sign in "
          + who() + " (HTTP " + e.getStatus() + ": " + e.getMessage() + "); the credentials came from "
          + credentials.source() + ". Fix: check OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME and the domains", e);
    } catch (ConnectionException e) {
      throw new StackwrightException("cannot reach Keystone at " + credentials.authUrl() + ": "
          + rootMessage(e) + ". Fix: check OS_AUTH_URL (from " + credentials.source()
          + ") and that the cloud is running", e);
    } catch (ResponseException e) {
      throw new StackwrightException("Keystone at " + credentials.authUrl() + " failed to sign in " + who()
          + " (HTTP " + e.getStatus() + ": " + e.getMessage() + "); try again, or ask the cloud's operators", e);
    }
  }

  /**
   * Signs in, trying again when Keystone is busy (429), a gateway fails (5xx) or the connection breaks, with the same
   * attempts, budget and backoff as every other request: a sign-in is the first request of a run, and one broken
   * connection should not end the run. A refusal (401) is not retried.
   */
  private OSClientV3 withRetries(IOSClientBuilder.V3 b) {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      try {
        return b.authenticate();
      } catch (AuthenticationException e) {
        throw e;
      } catch (ResponseException e) { // ConnectionException too: no answer came
        int status = e.getStatus();
        boolean retryable = e instanceof ConnectionException || status == 0 || status == 429 || status >= 500;
        Duration delay = settings.retryBaseDelay().multipliedBy(1L << Math.min(attempt - 1, 8));
        if (!retryable || attempt >= settings.retryAttempts()
            || waited.plus(delay).compareTo(settings.retryBudget()) > 0) {
          throw e;
        }
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
        waited = waited.plus(delay);
      }
    }
  }

  private String chooseRegion(Token t) {
    TreeSet<String> regions = new TreeSet<>();
    t.getCatalog().forEach(s -> s.getEndpoints().forEach(e -> {
      if (e.getRegion() != null) {
        regions.add(e.getRegion());
      } else if (e.getRegionId() != null) {
        regions.add(e.getRegionId());
      }
    }));
    Optional<String> wanted = credentials.regionName();
    if (wanted.isPresent()) {
      if (!regions.isEmpty() && !regions.contains(wanted.get())) {
        throw new StackwrightException("region \"" + wanted.get() + "\" (OS_REGION_NAME, from "
            + credentials.source() + ") is not in the cloud's catalogue; it has " + String.join(", ", regions)
            + Closest.hint(wanted.get(), regions) + ". Fix: set OS_REGION_NAME to one of them");
      }
      return wanted.get();
    }
    if (regions.size() == 1) {
      return regions.first();
    }
    throw new StackwrightException("OS_REGION_NAME is not set and the cloud's catalogue has "
        + (regions.isEmpty() ? "no region" : "regions " + String.join(", ", regions))
        + ". Fix: set OS_REGION_NAME (region_name in clouds.yaml)"
        + (regions.isEmpty() ? "" : " to one of them"));
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static SSLContext sslContext(String pemFile) {
    try (InputStream in = Files.newInputStream(Paths.get(pemFile))) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new StackwrightException("cannot read the CA certificates in " + pemFile + " (OS_CACERT): "
          + e.getMessage() + ". Fix: point OS_CACERT at a PEM file", e);
    }
  }
}
