package dev.stackwright.dsl;

import dev.stackwright.model.UserDataPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A kind of VM that carries several roles:
 * {@code cluster.host("server_all").flavor("server_all").carries("appserver", "static", "broker", "database")}.
 */
public final class HostDsl extends DslPart {
  final String name;
  String flavor;
  String image;
  Integer count;
  final List<String> roles = new ArrayList<>();
  UserDataPolicy userDataPolicy;

  HostDsl(ClusterDsl cluster, String name) {
    super(cluster);
    this.name = name;
  }

  public HostDsl flavor(String flavor) {
    checkOpen();
    this.flavor = flavor;
    return this;
  }

  public HostDsl image(String image) {
    checkOpen();
    this.image = image;
    return this;
  }

  /** How many VMs; 1 unless set. Every role the host carries has this many instances. */
  public HostDsl count(int count) {
    checkOpen();
    this.count = count;
    return this;
  }

  /** The roles each VM carries, the first being its primary role (its port is named after that role's block). */
  public HostDsl carries(String... roles) {
    checkOpen();
    // a null array is kept as one null entry, which validation reports like any undeclared role
    this.roles.addAll(roles == null ? Collections.singletonList(null) : Arrays.asList(roles));
    return this;
  }

  /** What a plan does with this host's VMs when their user-data changes. */
  public HostDsl onUserDataChange(UserDataPolicy policy) {
    checkOpen();
    this.userDataPolicy = policy;
    return this;
  }
}
