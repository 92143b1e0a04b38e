package dev.stackwright.openstack;

import dev.stackwright.engine.Backend;
import dev.stackwright.engine.BackendContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The backend contract on the loopback OpenStack: what the in-memory cloud must agree with. */
@Tag("integration")
class OpenStackContractIT extends BackendContract {
  private static OpenStackBackend cloud;

  @BeforeAll
  static void connect() {
    cloud = OpenStackBackend.builder().credentials(RealCloud.credentials()).build();
  }

  @Override
  protected Backend backend() {
    return cloud;
  }

  @Override
  protected String block() {
    return "10.0.232";
  }
}
