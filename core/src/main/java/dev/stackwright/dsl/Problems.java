package dev.stackwright.dsl;

import dev.stackwright.Problem;
import java.util.ArrayList;
import java.util.List;

/** The problems found so far in one cluster definition, in the order the checks meet them. */
final class Problems {
  private final List<Problem> found = new ArrayList<>();

  void problem(String path, Object value, String message, String fix) {
    found.add(Problem.of(path, value, message, fix));
  }

  void missing(String path, String message, String fix) {
    found.add(Problem.missing(path, message, fix));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<Problem> all() {
    return List.copyOf(found);
  }
}
