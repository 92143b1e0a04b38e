/**
 * The engine between the model and a backend: {@link dev.stackwright.engine.Engine} plans a cluster against what the
 * backend observed ({@link dev.stackwright.engine.Plan}, its {@link dev.stackwright.engine.Change}s, conflicts and
 * drift), applies a plan step by step ({@link dev.stackwright.engine.ApplyResult}, each
 * {@link dev.stackwright.engine.Outcome}; {@link dev.stackwright.engine.ExecutionListener} to follow it) and destroys
 * what carries a cluster's marker. There is no state file: every resource carries its ownership marker.
 *
 * <p>That is all of its public face. How the desired resources are derived from the model, planned, ordered and
 * executed (the planner, the step graph, the executor) is package-private, so that it can change without changing
 * the API; of the security rules only their result is public ({@link dev.stackwright.engine.SecurityRules#of}), so a
 * picture or a test shows the rules the groups are made of. What a backend implements, and the resources it is asked for, is the SPI in
 * {@link dev.stackwright.spi}.
 */
package dev.stackwright.engine;
