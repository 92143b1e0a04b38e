package dev.stackwright.dsl;

import dev.stackwright.model.Service;
import dev.stackwright.services.BuiltInServices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The services a cluster may place, by name: stackwright's own, then the user's (added with
 * {@code cluster.service(...)} or named by a role's {@code kind(...)}). A service whose descriptor has problems stays
 * in it, so the roles of it are not also reported as of no service; one whose name another descriptor has is not.
 */
final class ServiceCatalogue {
  private final Map<String, Service> byName = new LinkedHashMap<>();
  private final List<Service> own = new ArrayList<>();

  ServiceCatalogue() {
    BuiltInServices.all().forEach(s -> byName.put(s.name(), s));
  }

  Optional<Service> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** True when {@code service} is the catalogue's service of its name, not another descriptor of that name. */
  boolean holds(Service service) {
    return service.equals(byName.get(service.name()));
  }

  /** True for a service of the user's own. */
  boolean isOwn(Service service) {
    return own.contains(service);
  }

  /** The user's services, in the order they were declared. */
  List<Service> own() {
    return List.copyOf(own);
  }

  /** Every service, built-ins first. */
  List<Service> all() {
    return List.copyOf(byName.values());
  }

  Set<String> names() {
    return byName.keySet();
  }

  /** Adds a service of the user's; false, changing nothing, when another descriptor has its name. */
  boolean add(Service service) {
    Service earlier = byName.putIfAbsent(service.name(), service);
    if (earlier == null) {
      own.add(service);
      return true;
    }
    return earlier.equals(service);
  }
}
