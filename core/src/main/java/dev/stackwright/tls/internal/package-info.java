/**
 * The certificates' implementation: keys, signatures, PEM, the cluster CA's directory. Not API: anything here may
 * change or disappear in any release, and no public signature outside this package mentions a type from it.
 */
package dev.stackwright.tls.internal;
