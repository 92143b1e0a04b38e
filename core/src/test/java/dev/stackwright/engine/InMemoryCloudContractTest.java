package dev.stackwright.engine;

import dev.stackwright.memory.InMemoryCloud;

/** The backend contract on the in-memory cloud. */
class InMemoryCloudContractTest extends BackendContract {
  private final InMemoryCloud cloud = InMemoryCloud.builder().network("internal", "10.0.0.0/16")
      .flavor("hpc", 2, 8192).image("debian-9.2").build();

  @Override
  protected Backend backend() {
    return cloud;
  }

  @Override
  protected String block() {
    return "10.0.231";
  }
}
