package dev.stackwright.tls;

import dev.stackwright.internal.StateDirectory;
import dev.stackwright.render.SecretSource;
import dev.stackwright.tls.internal.ClusterCa;
import dev.stackwright.tls.internal.TestCa;
import dev.stackwright.tls.internal.UserCertificates;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Where each TLS endpoint's certificate comes from; given to {@code Renderer.builder().certificates(...)}. The usual
 * one is a cluster CA kept on this machine ({@link #clusterCa(Path)}); a cluster whose {@code tls()} says
 * {@code USER_PROVIDED} uses the user's own chain and key from the renderer's secrets instead
 * ({@link #userProvided(SecretSource)}). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Certificates {
  /** Leaf certificates are reissued when they expire within this many days, and user ones warned about. */
  int RENEW_WITHIN_DAYS = 30;
  /** How long a leaf the cluster CA issues is valid: about 13 months, what browsers accept at most. */
  int LEAF_DAYS = 397;

  /**
   * The endpoint's certificate: reused while it is still good, else issued afresh.
   *
   * @param cluster the cluster's name, which the CA's name carries
   * @throws dev.stackwright.StackwrightException when no certificate can be had (the message names the secret or
   *     the file, never a key)
   */
  EndpointCertificate certificate(String cluster, TlsEndpoint endpoint);

  /**
   * A cluster CA (ECDSA P-256, valid ten years, named {@code stackwright <cluster> CA}) made the first time and kept
   * in {@code dir} with its key (mode 0600, in a directory of mode 0700); each endpoint's leaf (ECDSA P-256,
   * serverAuth, valid {@value #LEAF_DAYS} days) is kept there too, with the reason it was issued, and reused while it
   * has the endpoint's names and more than {@value #RENEW_WITHIN_DAYS} days to run.
   */
  static Certificates clusterCa(Path dir) {
    return clusterCa(dir, Clock.systemUTC());
  }

  /** {@link #clusterCa(Path)} with a clock of one's own, for tests of the renewal. */
  static Certificates clusterCa(Path dir, Clock clock) {
    return new ClusterCa(dir, clock);
  }

  /**
   * The cluster CA in {@code .stackwright/<cluster>/tls} (or {@code $STACKWRIGHT_STATE_DIR/<cluster>/tls}): what the
   * renderer uses for a cluster with {@code tls()} when no source was given.
   */
  static Certificates defaults(String cluster) {
    return clusterCa(defaultDirectory(cluster, System.getenv()));
  }

  /** Where {@link #defaults} keeps a cluster's CA, given the environment. */
  static Path defaultDirectory(String cluster, Map<String, String> environment) {
    return StateDirectory.of(environment).resolve(cluster).resolve("tls");
  }

  /**
   * The user's own certificate for every endpoint: the chain (leaf first) in the secret
   * {@code tls_certificate_chain} and its key in {@code tls_private_key}, each as PEM text or as {@code file:} and an
   * absolute path to a PEM file. Checked: the key is the leaf's, each certificate is signed by the next, none has
   * expired. A leaf expiring within {@value #RENEW_WITHIN_DAYS} days, or not carrying one of the cluster's domains,
   * gets a warning: stackwright cannot renew it.
   */
  static Certificates userProvided(SecretSource secrets) {
    return userProvided(secrets, Clock.systemUTC());
  }

  /** {@link #userProvided(SecretSource)} with a clock of one's own. */
  static Certificates userProvided(SecretSource secrets, Clock clock) {
    return new UserCertificates(Objects.requireNonNull(secrets, "secrets"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Certificates for tests: a CA and leaves whose keys come from the cluster's and instance's names, valid from
   * 2025 to 2099, signed deterministically, so every run and machine renders the same bytes; writes nothing. Never
   * for a cluster that runs: anyone can derive these keys.
   */
  static Certificates forTests() {
    return TestCa.INSTANCE;
  }
}
