/** The OpenStack backend: a {@code BackendProvider} for the command line, and the backend itself for code. */
// openstack4j has no module name of its own: javac warns that one taken from a jar's file name may change
@SuppressWarnings("requires-automatic")
module dev.stackwright.openstack {
  requires transitive dev.stackwright.core;
  requires dev.stackwright.ssh;
  requires openstack4j.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.slf4j;

  exports dev.stackwright.openstack;

  provides dev.stackwright.spi.BackendProvider with dev.stackwright.openstack.OpenStackProvider;
}
