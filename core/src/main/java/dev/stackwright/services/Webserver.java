package dev.stackwright.services;

import dev.stackwright.model.ServiceAccess;
import dev.stackwright.model.Service;

/** The nginx load balancer in front of the app servers and static file servers, and the PHP tutorials. */
final class Webserver {
  static final Service SERVICE = Service.builder("webserver")
      .title("webserver (load balancer)")
      .publicEntry(true)
      .addRequires("appserver")
      .port(Ports.HTTP).port(Ports.HTTPS)
      .addAccess(ServiceAccess.fromAnyone("http", "the load balancer serves everyone"))
      .addAccess(ServiceAccess.fromAnyone("https", "the load balancer serves everyone"))
      .build();

  private Webserver() {}
}
