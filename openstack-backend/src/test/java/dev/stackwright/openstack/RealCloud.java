package dev.stackwright.openstack;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.openstack.internal.Request;
import dev.stackwright.openstack.internal.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the integration tests find the real cloud: the openrc file {@code STACKWRIGHT_CLOUD_RC} names (the loopback
 * cloud writes {@code /var/lib/stackwright-cloud/demo-openrc}), else the {@code OS_*} variables or {@code OS_CLOUD}.
 * Without either the tests are skipped, saying how to run them, except under CI ({@code CI=true}), where they fail:
 * there they must run.
 */
public final class RealCloud {
  public static final String RC_VARIABLE = "STACKWRIGHT_CLOUD_RC";

  private RealCloud() {}

  /** The credentials of the real cloud, or the test is skipped (failed under CI) with the reason. */
  public static OpenStackCredentials credentials() {
    Map<String, String> env = System.getenv();
    String rc = env.get(RC_VARIABLE);
    if (rc != null && !rc.isBlank()) {
      Path file = Paths.get(rc);
      if (!Files.isReadable(file)) {
        fail(RC_VARIABLE + "=" + rc + " is not a readable file. Start the cloud (openstack-backend/cloud/up.sh,"
            + " as root) or point " + RC_VARIABLE + " at its demo-openrc");
      }
      return OpenStackCredentials.fromOpenrc(file);
    }
    Optional<OpenStackCredentials> fromEnv = OpenStackCredentials.fromEnvironment();
    if (fromEnv.isPresent()) {
      return fromEnv.get();
    }
    String why = "No OpenStack to run the integration tests on: set " + RC_VARIABLE
        + "=/var/lib/stackwright-cloud/demo-openrc after starting the loopback cloud"
        + " (sudo openstack-backend/cloud/up.sh), or source an openrc file (OS_AUTH_URL...) or set OS_CLOUD.";
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      fail(why + " Under CI (CI=true) these tests must run, so this is a failure, not a skip.");
    }
    Assumptions.abort(why);
    throw new IllegalStateException("unreachable");
  }

  /**
   * The cloud's first external network by name ({@code router:external}, the floating IPs' pool; the loopback cloud
   * makes {@code public}), or empty when it has none.
   */
  public static Optional<JsonNode> externalNetwork(OpenStackBackend cloud) {
    return cloud.client().http().list(Request.get(Service.NETWORK, "/networks").with("router:external", "true"),
        "networks", "external networks").stream().filter(n -> !n.path("name").asText().isEmpty())
        .min(Comparator.comparing(n -> n.path("name").asText()));
  }

  /** A cluster name no other test run uses, so runs on the same cloud at the same time never meet. */
  public static String uniqueClusterName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
