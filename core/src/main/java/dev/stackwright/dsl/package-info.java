/**
 * The fluent DSL: mutable, single-use, not thread-safe builders whose {@code build()} validates everything at once
 * and returns the immutable {@link dev.stackwright.model.Cluster}.
 */
package dev.stackwright.dsl;
