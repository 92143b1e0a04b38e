package dev.stackwright.services;

import dev.stackwright.model.ServicePort;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The built-in services' ports: conventions of the daemons, which the configs bind and the groups open. */
final class Ports {
  static final ServicePort HTTP = ServicePort.tcp("http", 80);
  static final ServicePort HTTPS = ServicePort.tcp("https", 443);
  static final ServicePort SSH = ServicePort.tcp("ssh", 22);
  static final ServicePort DHCP = ServicePort.udp("dhcp", 67);
  static final ServicePort APP = ServicePort.tcp("app", 8000);
  static final ServicePort AMQP = ServicePort.tcp("amqp", 5672);
  static final ServicePort RABBITMQ_MANAGEMENT = ServicePort.tcp("rabbitmq_management", 15672);
  static final ServicePort COUCHDB = ServicePort.tcp("couchdb", 5984);
  static final ServicePort FLOWER = ServicePort.tcp("flower", 5555);

  /** Erlang's port mapper, which RabbitMQ and CouchDB start; only the nodes of one cluster of them talk to it. */
  static final ServicePort EPMD = ServicePort.tcp("epmd", 4369);

  private Ports() {}

  /** What an Erlang daemon holds: epmd, and its distribution ports {@code from} to {@code to}, named for it. */
  static List<ServicePort> erlang(String daemon, int from, int to) {
    return Stream.concat(Stream.of(EPMD), IntStream.rangeClosed(from, to)
        .mapToObj(n -> ServicePort.tcp(daemon + "_distribution", n))).toList();
  }
}
