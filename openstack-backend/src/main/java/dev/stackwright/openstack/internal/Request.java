package dev.stackwright.openstack.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openstack4j.core.transport.HttpMethod;

/**
 * One HTTP request to an OpenStack service: method, path under the service's endpoint, query and JSON body.
 * Immutable; the {@code with*} methods return copies.
 */
public final class Request {
  private final Service service;
  private final HttpMethod method;
  private final String path;
  private final List<Map.Entry<String, String>> query;
  private final String json;
  private final Map<String, String> headers;

  private Request(Service service, HttpMethod method, String path, List<Map.Entry<String, String>> query,
      String json, Map<String, String> headers) {
    this.service = service;
    this.method = method;
    this.path = path;
    this.query = List.copyOf(query);
    this.json = json;
    this.headers = Map.copyOf(headers);
  }

  public static Request get(Service service, String path) {
    return new Request(service, HttpMethod.GET, path, List.of(), null, Map.of());
  }

  public static Request post(Service service, String path, String json) {
    return new Request(service, HttpMethod.POST, path, List.of(), json, Map.of());
  }

  public static Request put(Service service, String path, String json) {
    return new Request(service, HttpMethod.PUT, path, List.of(), json, Map.of());
  }

  public static Request delete(Service service, String path) {
    return new Request(service, HttpMethod.DELETE, path, List.of(), null, Map.of());
  }

  /** Adds a query parameter; a name may repeat. */
  public Request with(String name, String value) {
    List<Map.Entry<String, String>> q = new ArrayList<>(query);
    q.add(Map.entry(name, value));
    return new Request(service, method, path, q, json, headers);
  }

  /** Replaces every query parameter of that name. */
  public Request replacing(String name, String value) {
    List<Map.Entry<String, String>> q = query.stream().filter(e -> !e.getKey().equals(name))
        .collect(Collectors.toCollection(ArrayList::new));
    q.add(Map.entry(name, value));
    return new Request(service, method, path, q, json, headers);
  }

  public Request header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Request(service, method, path, query, json, h);
  }

  public Service service() {
    return service;
  }

  public HttpMethod method() {
    return method;
  }

  public String path() {
    return path;
  }

  public List<Map.Entry<String, String>> query() {
    return query;
  }

  public Optional<String> json() {
    return Optional.ofNullable(json);
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** {@code GET network /v2.0/ports?tags=...}, for messages and logs. */
  @Override
  public String toString() {
    String q = query.isEmpty() ? "" : "?" + query.stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
    return method + " " + service.label() + " " + path + q;
  }
}
