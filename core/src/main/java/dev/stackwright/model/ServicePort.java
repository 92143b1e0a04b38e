package dev.stackwright.model;

import dev.stackwright.internal.SafeText;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A port a service listens on, by a name its accesses and templates use: {@code amqp 5672/tcp}.
 *
 * @param name a short name, such as {@code amqp}: lower-case letters, digits and {@code _}
 * @param protocol {@code tcp} or {@code udp}
 * @param number 1 to 65535
 */
public record ServicePort(String name, String protocol, int number) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

  public ServicePort {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("port name \"" + SafeText.printable(name) + "\" is not a short name; write "
          + "it like \"amqp\" or \"redis\" (lower-case letters, digits and _, at most 32)");
    }
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("port " + name + " has protocol \"" + SafeText.printable(protocol)
          + "\"; use tcp or udp");
    }
    if (number < 1 || number > 65535) {
      throw new IllegalArgumentException("port " + name + " is " + number + ", outside 1 to 65535");
    }
  }

  public static ServicePort tcp(String name, int number) {
    return new ServicePort(name, "tcp", number);
  }

  public static ServicePort udp(String name, int number) {
    return new ServicePort(name, "udp", number);
  }

  @Override
  public String toString() {
    return name + " " + number + "/" + protocol;
  }
}
