package dev.stackwright.spi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A security group and its ingress rules. Egress is left to the cloud's defaults (everything out). The rules are a
 * set: order carries no meaning and duplicates are dropped.
 */
public record SecurityGroupSpec(ResourceId id, String name, String description, List<RuleSpec> rules)
    implements ResourceSpec {

  public SecurityGroupSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    // a set in a canonical order, so two specs with the same rules are equal whatever order they came in
    rules = new LinkedHashSet<>(rules).stream().sorted(java.util.Comparator.comparing(RuleSpec::describe)).toList();
  }

  /** The same group without the rules whose remote end is one of {@code groups}. */
  public SecurityGroupSpec withoutRulesNaming(Set<ResourceId> groups) {
    return new SecurityGroupSpec(id, name, description, rules.stream()
        .filter(r -> r.remoteGroup().filter(groups::contains).isEmpty()).toList());
  }

  /** The other groups our rules name as their remote end. */
  @Override
  public Set<ResourceId> dependsOn() {
    Set<ResourceId> deps = new LinkedHashSet<>();
    rules.forEach(r -> r.remoteGroup().filter(g -> !g.equals(id)).ifPresent(deps::add));
    return Set.copyOf(deps);
  }
}
