package dev.stackwright.local;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One service of a local run and what became of it: {@code nginx@webserver-1}, started, answering on
 * 127.0.10.3:80.
 *
 * @param name unique within the run: the program and the node, {@code gunicorn@appserver-2}
 * @param node the node it stands in for
 * @param kind what it is: nginx, gunicorn, rabbitmq, epmd, celery, couchdb-standin, flower, dhcp, ...
 * @param state what happened to it
 * @param detail the reason for SKIPPED and FAILED, a note otherwise (may be empty)
 * @param pid the process (group leader) when one runs or ran
 * @param endpoints where it answers, {@code 127.0.10.3:80}; empty for services that only connect out
 */
public record LocalService(String name, String node, String kind, LocalServiceState state, String detail,
    OptionalLong pid, List<String> endpoints) {
  public LocalService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(pid, "pid");
    endpoints = List.copyOf(endpoints);
  }

  /** The same service in another state. */
  public LocalService with(LocalServiceState newState, String newDetail) {
    return new LocalService(name, node, kind, newState, newDetail, pid, endpoints);
  }
}
