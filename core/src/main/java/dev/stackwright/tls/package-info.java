/**
 * TLS certificates for the pages a person opens: which role instances are TLS endpoints and the names each one's
 * certificate carries ({@link dev.stackwright.tls.TlsEndpoints}), and where each endpoint's certificate comes from
 * ({@link dev.stackwright.tls.Certificates}: a cluster CA stackwright keeps, the user's own, or fixed ones for tests).
 * The renderer writes them as files on the nodes; nothing here logs or prints a private key.
 */
package dev.stackwright.tls;
