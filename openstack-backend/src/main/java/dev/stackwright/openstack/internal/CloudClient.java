package dev.stackwright.openstack.internal;

import dev.stackwright.openstack.OpenStackCredentials;
import java.time.Clock;

/**
 * Everything one backend talks to the cloud with: the session, the HTTP gateway, the look-ups and the Neutron and
 * Nova calls, sharing one token. Thread-safe.
 */
public final class CloudClient {
  private final Session session;
  private final Http http;
  private final Lookups lookups;
  private final Neutron neutron;
  private final NeutronNetworks networks;
  private final Nova nova;
  private final Settings settings;

  public CloudClient(OpenStackCredentials credentials, Settings settings, Clock clock, Http.Sleeper sleeper) {
    this.settings = settings;
    this.session = new Session(credentials, settings, clock);
    this.http = new Http(session, settings, sleeper);
    this.lookups = new Lookups(http);
    this.neutron = new Neutron(http);
    this.networks = new NeutronNetworks(http, neutron);
    this.nova = new Nova(http, settings, sleeper, clock);
  }

  public static CloudClient create(OpenStackCredentials credentials, Settings settings) {
    return new CloudClient(credentials, settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
  }

  public Session session() {
    return session;
  }

  public Http http() {
    return http;
  }

  public Lookups lookups() {
    return lookups;
  }

  public Neutron neutron() {
    return neutron;
  }

  NeutronNetworks networks() {
    return networks;
  }

  public Nova nova() {
    return nova;
  }

  public Settings settings() {
    return settings;
  }
}
