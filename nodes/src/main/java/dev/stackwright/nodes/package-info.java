/**
 * The nodes backend: a cluster's VMs as systemd-nspawn containers booting Debian on one machine, each at its own
 * cluster addresses in a network namespace of its own. {@link dev.stackwright.nodes.NodesBackend} is the entry point.
 */
package dev.stackwright.nodes;
