package dev.stackwright.dsl;

import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceAccess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order services start in on a node has no cycle: a client starts after the services it connects to (it is named
 * in their access), and a service after those in its {@code after}. Two services open to each other, or a service that
 * says it starts after one of its own clients, have no order; the renderer would pick one silently. Each cycle through
 * a service of the user's own is reported once, at a declaration of that service that closes it.
 */
final class StartOrderRules {
  /** {@code first} starts before {@code then}, because of the declaration at {@code path}. */
  private record Edge(Service first, Service then, String path, boolean own) {}

  private final Map<Service, List<Edge>> out = new LinkedHashMap<>();

  private StartOrderRules(ServiceCatalogue catalogue) {
    Map<String, Service> byName = new HashMap<>();
    catalogue.all().forEach(s -> byName.put(s.name(), s));
    catalogue.all().forEach(s -> out.put(s, new ArrayList<>()));
    for (Service s : catalogue.all()) {
      String path = "service[" + s.name() + "]";
      boolean own = catalogue.isOwn(s);
      s.after().stream().map(byName::get).filter(f -> f != null && f != s)
          .forEach(f -> out.get(f).add(new Edge(f, s, path + ".after", own)));
      for (int i = 0; i < s.access().size(); i++) {
        ServiceAccess a = s.access().get(i);
        Service client = a.from() == ServiceAccess.From.SERVICE ? byName.get(a.service().get()) : null;
        if (client != null && client != s) {
          out.get(s).add(new Edge(s, client, path + ".access[" + i + "]", own));
        }
      }
    }
  }

  static void check(ServiceCatalogue catalogue, List<Service> services, Problems problems) {
    StartOrderRules rules = new StartOrderRules(catalogue);
    Set<Set<String>> reported = new HashSet<>();
    for (Service s : services) {
      List<Edge> cycle = rules.cycleThrough(s);
      if (cycle.isEmpty() || !reported.add(names(cycle))) {
        continue;
      }
      // an after(...) of the user's is the likelier slip than an access, which the security rules need
      Edge at = cycle.stream().filter(e -> e.own() && e.path().endsWith(".after")).findFirst()
          .or(() -> cycle.stream().filter(Edge::own).findFirst()).orElse(cycle.get(0));
      StringBuilder text = new StringBuilder(cycle.get(0).first().name());
      cycle.forEach(e -> text.append(" before ").append(e.then().name()));
      problems.problem(at.path(), text.toString(), "is a start-order cycle: a client starts after the services it "
          + "connects to, and a service after those its after(...) names, so these services have no order to start in",
          "drop the after(...) or the access that closes the loop (here " + at.path() + ")");
    }
  }

  /** The shortest cycle from {@code start} back to it, as its edges; empty when there is none. */
  private List<Edge> cycleThrough(Service start) {
    Map<Service, Edge> reachedBy = new HashMap<>();
    Deque<Service> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      Service s = queue.poll();
      for (Edge e : out.getOrDefault(s, List.of())) {
        if (e.then() == start) {
          return path(reachedBy, e);
        }
        if (!reachedBy.containsKey(e.then())) {
          reachedBy.put(e.then(), e);
          queue.add(e.then());
        }
      }
    }
    return List.of();
  }

  private static List<Edge> path(Map<Service, Edge> reachedBy, Edge last) {
    List<Edge> edges = new ArrayList<>(List.of(last));
    for (Edge e = reachedBy.get(last.first()); e != null; e = reachedBy.get(e.first())) {
      edges.add(0, e);
    }
    return edges;
  }

  private static Set<String> names(List<Edge> cycle) {
    Set<String> names = new TreeSet<>();
    cycle.forEach(e -> names.add(e.first().name()));
    return names;
  }
}
