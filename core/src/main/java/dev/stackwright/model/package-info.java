/**
 * The immutable, validated cluster model: {@link dev.stackwright.model.Cluster} and its parts. Every type here is
 * thread-safe; everything the renderer, planner and backends need is derived from it.
 */
@ModelStyle
package dev.stackwright.model;
