/** The SSH channel: an {@code spi.NodeUpdate} applied to a running node over SSH (Apache MINA SSHD). */
// MINA SSHD and the EdDSA provider have no module names of their own: javac warns that ones from a manifest may change
@SuppressWarnings("requires-automatic")
module dev.stackwright.ssh {
  requires transitive dev.stackwright.core;
  requires org.apache.sshd.osgi;
  // loaded by MINA by reflection for ed25519 keys: required here so that a module path resolves it
  requires net.i2p.crypto.eddsa;
  requires org.slf4j;

  exports dev.stackwright.ssh;
}
