package dev.stackwright.services;

import dev.stackwright.model.Service;

/** RabbitMQ: the Celery tasks' queues. */
final class Broker {
  static final Service SERVICE = Service.builder("broker")
      .title("broker")
      .holdsData(true)
      .port(Ports.AMQP).port(Ports.RABBITMQ_MANAGEMENT)
      .openTo("appserver", "amqp", "the app enqueues tasks")
      .openTo("worker", "amqp", "workers consume tasks")
      .openTo("controller", "amqp", "Flower watches the broker")
      .openTo("controller", "rabbitmq_management", "the controller proxies /rabbitmq/")
      .localRun(BrokerRun::processes)
      .build();

  private Broker() {}
}
