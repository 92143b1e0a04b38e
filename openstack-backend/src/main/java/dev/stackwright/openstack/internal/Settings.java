package dev.stackwright.openstack.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The backend's tunables, fixed when it is built.
 *
 * @param connectTimeout TCP connect timeout of each request
 * @param readTimeout read timeout of each request
 * @param tokenRefreshMargin a token is renewed when it expires within this margin
 * @param proxy an HTTP proxy every request goes through (also how the tests count requests)
 * @param retryAttempts how many times one request is tried at most
 * @param retryBudget the longest a request's retries may wait in all, Retry-After included
 * @param retryBaseDelay the first backoff; it doubles with each retry, with jitter
 * @param serverDeadline how long a server may take to become ACTIVE (or to disappear once deleted)
 * @param pollInterval how often a server's status is polled while waiting
 * @param pageSize the {@code limit} of every list request
 */
public record Settings(Duration connectTimeout, Duration readTimeout, Duration tokenRefreshMargin,
    Optional<URI> proxy, int retryAttempts, Duration retryBudget, Duration retryBaseDelay, Duration serverDeadline,
    Duration pollInterval, int pageSize) {

  public static Settings defaults() {
    return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(5), Optional.empty(), 6,
        Duration.ofSeconds(60), Duration.ofMillis(250), Duration.ofMinutes(10), Duration.ofMillis(500), 500);
  }
}
