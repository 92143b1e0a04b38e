package dev.stackwright.openstack.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Neutron takes tags in a create request (its {@code tag-creation} extension), asked of the cloud. Only a
 * definite answer is kept: there (2xx) or not (404). Any other failure (a 5xx, a connection lost past the retries)
 * says nothing about the extension: that create tags by a PUT afterwards, which every Neutron takes, and the next
 * create asks again. Thread-safe.
 */
final class TagsOnCreate {
  private static final Logger LOG = LoggerFactory.getLogger(TagsOnCreate.class);

  private final Http http;
  private volatile Boolean known;

  TagsOnCreate(Http http) {
    this.http = http;
  }

  boolean taken() {
    Boolean k = known;
    if (k != null) {
      return k;
    }
    Reply r;
    try {
      r = http.send(Request.get(Service.NETWORK, "/extensions/tag-creation"), "Neutron's extensions");
    } catch (CloudFailure e) {
      LOG.warn("could not ask Neutron whether it takes tags in a create ({}); tagging after the create, and asking"
          + " again next time", e.getMessage());
      return false;
    }
    if (r.ok() || r.status() == 404) {
      known = r.ok();
    } else {
      LOG.warn("Neutron answered HTTP {} when asked whether it takes tags in a create; tagging after the create,"
          + " and asking again next time", r.status());
    }
    return r.ok();
  }
}
