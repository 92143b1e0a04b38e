package dev.stackwright.openstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A plain HTTP forward proxy on 127.0.0.1 that the backend is pointed at (its builder's {@code proxy(...)}): every
 * request openstack4j really sends passes here and is recorded, so tests count real HTTP requests. It forwards only
 * to loopback addresses. It can also break a request on purpose: answer it itself (429, 503) or forward it and then
 * drop the answer, the way a connection reset loses the answer to a create that was made. With
 * {@link #injectRandomly} it breaks a seeded share of all requests, the way a busy or flaky cloud does; and
 * {@link #onForwarded} lets a test act (kill the client) at the moment a request has reached the cloud.
 */
public final class CountingProxy implements AutoCloseable {
  /** How to break one request. */
  public enum Fault {
    /** Answer 429 Too Many Requests with Retry-After: 1, without forwarding. */
    TOO_MANY_REQUESTS,
    /** Answer 503 without forwarding. */
    UNAVAILABLE,
    /** Forward the request, then close the client's connection without its answer. */
    LOSE_ANSWER,
    /** Close the client's connection without an answer and without forwarding: a reset before the cloud saw it. */
    RESET,
    /**
     * Forward the request, then hold its answer longer than the client waits ({@link #injectRandomly}'s delay), then
     * drop it: a cloud that did the work but answered after the client's read timeout.
     */
    SLOW,
    /**
     * Hold the request as long as {@link #SLOW} holds an answer, then forward it all the same and drop its answer: a
     * request stuck in a queue before the cloud, which the cloud carries out after the client gave up on it (and
     * perhaps after the client looked for what it asked for, found nothing and asked again).
     */
    HELD
  }

  private record Planned(Predicate<String> matches, Fault fault) {}

  private record Hook(Predicate<String> matches, Runnable action) {}

  /** The seeded random faults: a share of all requests, each broken in one of the {@link Fault}s. */
  private record Chaos(Random random, double rate) {}

  private final ServerSocket socket;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "counting-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedQueue<Planned> faults = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Hook> hooks = new ConcurrentLinkedQueue<>();
  private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
  private final List<String> broken = Collections.synchronizedList(new ArrayList<>());
  /** Held requests not yet forwarded and answered ({@link Fault#HELD}). */
  private final AtomicInteger held = new AtomicInteger();
  private volatile Chaos chaos;
  /** How long a {@link Fault#SLOW} answer or a {@link Fault#HELD} request is held. */
  private volatile Duration hold = Duration.ZERO;

  private CountingProxy() throws IOException {
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicInteger());
    }
    socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    pool.submit(this::acceptLoop);
  }

  public static CountingProxy start() {
    try {
      return new CountingProxy();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The proxy's address, for the backend's {@code proxy(...)}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** Every request so far as {@code METHOD path?query}, in order. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The requests made since the list had {@code from} entries. */
  public List<String> requestsSince(int from) {
    List<String> all = requests();
    return all.subList(Math.min(from, all.size()), all.size());
  }

  public int count() {
    return requests.size();
  }

  /** How long a {@link Fault#SLOW} answer or a {@link Fault#HELD} request is held ({@link #injectRandomly} sets it). */
  public CountingProxy holdFor(Duration d) {
    hold = d;
    return this;
  }

  /** Breaks the next request whose {@code METHOD path} line matches, once. */
  public void failNext(Predicate<String> matches, Fault fault) {
    faults.add(new Planned(matches, fault));
  }

  /**
   * From now on breaks each request with probability {@code rate}, drawing whether and how from a generator seeded
   * with {@code seed} in the order the requests arrive: 503, 429 with Retry-After, a reset before forwarding, a lost
   * answer (a reset after forwarding), an answer held for {@code slowHold} (longer than the client's read
   * timeout) and then dropped, or a request held as long before it is forwarded and its answer dropped, each as
   * likely. Planned faults ({@link #failNext}) come first.
   */
  public void injectRandomly(long seed, double rate, Duration slowHold) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate is a share between 0 and 1, not " + rate);
    }
    hold = slowHold;
    chaos = new Chaos(new Random(seed), rate);
  }

  /**
   * Waits until every request held so far ({@link Fault#HELD}) has reached the cloud and been answered, at most
   * {@code max}: what the cloud will do is then done, so a listing sees all of it.
   *
   * @return whether none is held any more
   */
  public boolean awaitHeldRequests(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (held.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return held.get() == 0;
  }

  /** Stops breaking requests at random. */
  public void stopInjecting() {
    chaos = null;
  }

  /** How many requests were broken so far, by fault. */
  public Map<Fault, Integer> injected() {
    Map<Fault, Integer> out = new EnumMap<>(Fault.class);
    injected.forEach((f, n) -> out.put(f, n.get()));
    return out;
  }

  /** Every request broken so far, as {@code FAULT METHOD path?query}, in the order they arrived. */
  public List<String> brokenRequests() {
    synchronized (broken) {
      return List.copyOf(broken);
    }
  }

  /**
   * Runs {@code action} once, on the proxy's thread, when the next request whose {@code METHOD path} line matches has
   * been forwarded and answered by the cloud, before the answer goes back: the moment a create was made and its maker
   * does not know yet. A test kills the client there.
   */
  public void onForwarded(Predicate<String> matches, Runnable action) {
    hooks.add(new Hook(matches, action));
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        pool.submit(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      URI target = URI.create(requestLine[1]);
      String pathAndQuery = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
      int length = 0;
      StringBuilder forwardHead = new StringBuilder(requestLine[0] + " " + pathAndQuery + " HTTP/1.1\r\n");
      for (int i = 1; i < lines.length; i++) {
        String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).toLowerCase(Locale.ROOT);
        if (name.equals("content-length")) {
          length = Integer.parseInt(lines[i].substring(lines[i].indexOf(':') + 1).strip());
        }
        if (!name.equals("connection") && !name.startsWith("proxy-") && !name.equals("keep-alive")) {
          forwardHead.append(lines[i]).append("\r\n");
        }
      }
      forwardHead.append("Connection: close\r\n\r\n");
      byte[] body = in.readNBytes(length);
      String line = requestLine[0] + " " + pathAndQuery;
      requests.add(line);
      Fault fault = takeFault(requestLine[0] + " " + target.getRawPath());
      if (fault != null) {
        injected.get(fault).incrementAndGet();
        broken.add(fault + " " + line);
      }
      OutputStream out = client.getOutputStream();
      if (fault == Fault.RESET) {
        client.setSoLinger(true, 0); // an RST, not an orderly close
        return;
      }
      if (fault == Fault.TOO_MANY_REQUESTS) {
        out.write(answer(429, "Retry-After: 1\r\n", "{\"message\": \"Too many requests (injected)\"}"));
        return;
      }
      if (fault == Fault.UNAVAILABLE) {
        out.write(answer(503, "", "{\"message\": \"Service unavailable (injected)\"}"));
        return;
      }
      InetAddress host = InetAddress.getByName(target.getHost());
      if (!host.isLoopbackAddress()) {
        out.write(answer(403, "", "{\"message\": \"the counting proxy forwards to loopback only\"}"));
        return;
      }
      if (fault == Fault.HELD) {
        held.incrementAndGet();
        try {
          Thread.sleep(hold.toMillis());
          client.setSoLinger(true, 0);
          client.close(); // the client gave up long ago; the request goes on to the cloud all the same
          forward(host, target, forwardHead, body);
        } finally {
          held.decrementAndGet();
        }
        return;
      }
      byte[] response = forward(host, target, forwardHead, body);
      Hook hook = takeHook(requestLine[0] + " " + target.getRawPath());
      if (hook != null) {
        hook.action().run();
      }
      if (fault == Fault.SLOW) {
        Thread.sleep(hold.toMillis());
      }
      if (fault == Fault.LOSE_ANSWER || fault == Fault.SLOW) {
        client.setSoLinger(true, 0);
        return;
      }
      out.write(withConnectionClose(response));
      out.flush();
    } catch (IOException | RuntimeException e) {
      // the client gave up or the upstream broke: the client sees a broken connection, as it would without us
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] forward(InetAddress host, URI target, CharSequence head, byte[] body) throws IOException {
    try (Socket upstream = new Socket(host, target.getPort() < 0 ? 80 : target.getPort())) {
      upstream.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      upstream.getOutputStream().write(body);
      upstream.getOutputStream().flush();
      return upstream.getInputStream().readAllBytes();
    }
  }

  private Fault takeFault(String line) {
    for (Planned p : faults) {
      if (p.matches().test(line) && faults.remove(p)) {
        return p.fault();
      }
    }
    Chaos c = chaos;
    if (c == null) {
      return null;
    }
    synchronized (c) {
      if (c.random().nextDouble() >= c.rate()) {
        return null;
      }
      return Fault.values()[c.random().nextInt(Fault.values().length)];
    }
  }

  private Hook takeHook(String line) {
    for (Hook h : hooks) {
      if (h.matches().test(line) && hooks.remove(h)) {
        return h;
      }
    }
    return null;
  }

  private static byte[] withConnectionClose(byte[] response) {
    int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      return response;
    }
    String head = new String(response, 0, end, StandardCharsets.ISO_8859_1);
    String kept = List.of(head.split("\r\n")).stream()
        .filter(l -> !l.toLowerCase(Locale.ROOT).startsWith("connection:")
            && !l.toLowerCase(Locale.ROOT).startsWith("keep-alive:"))
        .collect(Collectors.joining("\r\n"));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((kept + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    b.write(response, end + 4, response.length - end - 4);
    return b.toByteArray();
  }

  private static byte[] answer(int status, String headers, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " Injected\r\nContent-Type: application/json\r\nContent-Length: "
        + b.length + "\r\n" + headers + "Connection: close\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while ((c = in.read()) >= 0) {
      b.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
      if (matched == 4) {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
      }
    }
    return null;
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
    pool.shutdownNow();
  }
}
