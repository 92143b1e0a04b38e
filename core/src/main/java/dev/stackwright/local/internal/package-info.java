/**
 * How the local backend starts, watches and stops processes. Not API: anything here may change or disappear in any
 * release, and no public signature mentions a type from it.
 */
package dev.stackwright.local.internal;
