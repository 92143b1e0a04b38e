package dev.stackwright.dsl;

import dev.stackwright.model.Ipv4Network;
import dev.stackwright.model.Role;
import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;

/**
 * A role as far as it could be understood: its kind, block and count, and where it is placed. A field is null where
 * the input was bad; {@link #nameOk} and {@link #kindOk} say whether the checks that depend on them may run.
 */
final class RolePlan {
  final RoleDsl dsl;
  final boolean nameOk;
  Service kind;
  boolean kindOk = true;
  Ipv4Network block;
  int firstOffset = 1;
  Integer count;
  String placedOn;
  boolean valid = true;

  RolePlan(RoleDsl dsl, boolean nameOk) {
    this.dsl = dsl;
    this.nameOk = nameOk;
  }

  String name() {
    return dsl.name;
  }

  String path() {
    return "role[" + dsl.name + "]";
  }

  int count() {
    return count == null ? 1 : count;
  }

  Role toRole() {
    Role.Builder role = Role.builder().name(dsl.name).kind(kind).block(block).firstOffset(firstOffset)
        .count(count());
    if (dsl.processes != null) {
      role.processes(dsl.processes);
    }
    return role.build();
  }
}
