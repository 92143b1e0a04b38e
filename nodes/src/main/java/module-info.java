/** The nodes backend (a cluster as systemd-nspawn containers on one machine) and its {@code BackendProvider}. */
module dev.stackwright.nodes {
  requires transitive dev.stackwright.core;
  requires dev.stackwright.ssh;

  exports dev.stackwright.nodes;

  provides dev.stackwright.spi.BackendProvider with dev.stackwright.nodes.NodesProvider;
}
