package dev.stackwright.openstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time the loopback cloud's services have used, read from /proc: to tell, for each benchmark run, how busy
 * the cloud was (neutron-server runs as one process, so its CPU seconds over the run's wall time is how close that
 * run came to the cloud's limit). Services are told apart by their command line.
 */
final class CloudCpu {
  /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
  private static final double TICKS = 100.0;

  /** CPU seconds by service at one moment. */
  record Snapshot(Map<String, Double> seconds) {
    /** What each service used from {@code before} to this snapshot. */
    Snapshot since(Snapshot before) {
      Map<String, Double> d = new TreeMap<>();
      seconds.forEach((k, v) -> d.put(k, v - before.seconds.getOrDefault(k, 0.0)));
      return new Snapshot(d);
    }

    double of(String service) {
      return seconds.getOrDefault(service, 0.0);
    }

    double total() {
      return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private CloudCpu() {}

  static Snapshot now() {
    Map<String, Double> out = new TreeMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
          String service = service(cmd);
          if (service != null) {
            String stat = Files.readString(p.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the name
            out.merge(service, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS, Double::sum);
          }
        } catch (IOException | RuntimeException e) {
          // the process ended between the listing and the read: it is not counted
        }
      });
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return new Snapshot(out);
  }

  /** neutron, nova, keystone+placement, glance, mariadb, rabbitmq; null for anything else. */
  private static String service(String cmd) {
    if (cmd.contains("neutron-server")) {
      return "neutron";
    }
    if (cmd.contains("nova-")) {
      return "nova";
    }
    if (cmd.contains("keystone") || cmd.contains("placement")) {
      return "keystone+placement";
    }
    if (cmd.contains("glance-api")) {
      return "glance";
    }
    if (cmd.startsWith("/usr/sbin/mariadbd") || cmd.startsWith("/usr/sbin/mysqld")) {
      return "mariadb";
    }
    if (cmd.contains("beam.smp") && cmd.contains("rabbit")) {
      return "rabbitmq";
    }
    return null;
  }
}
