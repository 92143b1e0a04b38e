/**
 * Reports computed from the model: the capacity overview and the address plan, as text and as data, and the topology
 * as a Graphviz picture ({@link dev.stackwright.report.TopologyGraph}: who talks to whom, from the security rules).
 */
package dev.stackwright.report;
