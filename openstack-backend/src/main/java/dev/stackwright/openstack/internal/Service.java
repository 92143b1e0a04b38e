package dev.stackwright.openstack.internal;

/** The OpenStack services the backend talks to, with the path prefix their endpoints are used with. */
public enum Service {
  /** Neutron; paths start at {@code /v2.0}'s children ({@code /ports}). */
  NETWORK("network"),
  /** Nova; paths start at the v2.1 endpoint's children ({@code /servers}). */
  COMPUTE("compute"),
  /** Glance v2; paths start at {@code /v2}'s children ({@code /images}). */
  IMAGE("image"),
  /**
   * Heat; paths start at the project's v1 endpoint's children ({@code /stacks}). The backend makes no stacks: the
   * tests that create an exported template as one use it.
   */
  ORCHESTRATION("orchestration");

  private final String label;

  Service(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
