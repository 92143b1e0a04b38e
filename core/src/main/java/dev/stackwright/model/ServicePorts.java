package dev.stackwright.model;

/**
 * The ports the services listen on: conventions of the services, not part of the topology. The renderer binds to them
 * and the engine opens exactly them in the security groups, so the two cannot disagree.
 */
public final class ServicePorts {
  public static final int SSH = 22;
  public static final int DHCP_SERVER = 67;
  public static final int HTTP = 80;
  public static final int HTTPS = 443;
  public static final int APP = 8000;
  public static final int AMQP = 5672;
  public static final int RABBITMQ_MANAGEMENT = 15672;
  public static final int COUCHDB = 5984;
  public static final int FLOWER = 5555;

  private ServicePorts() {}
}
