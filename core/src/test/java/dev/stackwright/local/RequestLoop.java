package dev.stackwright.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GETs one loopback URL again and again from a thread of its own, bounded in count and time, and keeps per stage
 * (named by {@link #stage}) how many requests failed, with why, and which app servers and versions answered.
 */
final class RequestLoop implements AutoCloseable {
  private static final Pattern APP_SERVER = Pattern.compile("\"app_server\": \"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("\"version\": \"([^\"]+)\"");

  /** What one stage saw. */
  static final class Stage {
    int requests;
    final List<String> failures = new ArrayList<>();
    final Set<String> appServers = new TreeSet<>();
    final Set<String> versions = new TreeSet<>();
  }

  private final URI url;
  private final int maxRequests;
  private final long deadline;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Stage> stages = Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile String stage = "start";
  private volatile boolean running = true;
  private final Thread thread;

  RequestLoop(String url, int maxRequests, Duration maxTime) {
    this.url = URI.create(url);
    if (!this.url.getHost().startsWith("127.")) {
      throw new IllegalArgumentException("only loopback is contacted, not " + url);
    }
    this.maxRequests = maxRequests;
    this.deadline = System.nanoTime() + maxTime.toNanos();
    this.thread = new Thread(this::loop, "request-loop");
    thread.start();
  }

  /** Counts what follows under {@code name}. */
  void stage(String name) {
    stage = name;
  }

  Stage seen(String name) {
    synchronized (stages) {
      return stages.getOrDefault(name, new Stage());
    }
  }

  private void loop() {
    for (int i = 0; i < maxRequests && running && System.nanoTime() < deadline; i++) {
      String name = stage;
      String failure = null;
      String body = "";
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        body = r.body();
        if (r.statusCode() != 200) {
          failure = "HTTP " + r.statusCode() + ": " + body.substring(0, Math.min(200, body.length()));
        }
      } catch (Exception e) {
        failure = e.toString();
      }
      synchronized (stages) {
        Stage s = stages.computeIfAbsent(name, k -> new Stage());
        s.requests++;
        if (failure != null) {
          s.failures.add(failure);
        } else {
          group(APP_SERVER, body).ifPresent(s.appServers::add);
          group(VERSION, body).ifPresent(s.versions::add);
        }
      }
      sleep(20);
    }
  }

  private static java.util.Optional<String> group(Pattern p, String body) {
    Matcher m = p.matcher(body);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(Duration.ofSeconds(15).toMillis());
  }
}
