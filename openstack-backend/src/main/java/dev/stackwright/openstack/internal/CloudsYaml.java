package dev.stackwright.openstack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stackwright.StackwrightException;
import dev.stackwright.Closest;
import dev.stackwright.openstack.OpenStackCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a cloud of {@code clouds.yaml} the way the {@code openstack} CLI does: the first file of the search path that
 * exists, a {@code secure.yaml} beside it merged over it (passwords are often kept there), and {@code OS_PASSWORD}
 * for a cloud that has none.
 */
public final class CloudsYaml {
  private CloudsYaml() {}

  /** {@code ./clouds.yaml}, {@code ~/.config/openstack/clouds.yaml}, {@code /etc/openstack/clouds.yaml}. */
  public static List<Path> searchPath(Path home) {
    return List.of(Paths.get("clouds.yaml"), home.resolve(".config/openstack/clouds.yaml"),
        Paths.get("/etc/openstack/clouds.yaml"));
  }

  public static OpenStackCredentials credentials(List<Path> searchPath, String cloud, Map<String, String> env) {
    Path file = searchPath.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
        new StackwrightException("OS_CLOUD is \"" + cloud + "\" but there is no clouds.yaml; looked in "
            + searchPath + ". Fix: write the cloud into one of them, point OS_CLIENT_CONFIG_FILE at yours,"
            + " or unset OS_CLOUD and source an openrc file"));
    JsonNode root = read(file);
    Path secure = file.resolveSibling("secure.yaml");
    if (Files.isRegularFile(secure)) {
      merge((ObjectNode) root, read(secure));
    }
    JsonNode clouds = root.path("clouds");
    JsonNode c = clouds.path(cloud);
    if (!c.isObject()) {
      List<String> names = new ArrayList<>();
      clouds.fieldNames().forEachRemaining(names::add);
      throw new StackwrightException("OS_CLOUD is \"" + cloud + "\" but " + file + " has no such cloud; it has "
          + (names.isEmpty() ? "none" : String.join(", ", names)) + Closest.hint(cloud, names)
          + ". Fix: set OS_CLOUD to one of them");
    }
    JsonNode auth = c.path("auth");
    String password = text(auth, "password").orElse(env.get("OS_PASSWORD"));
    String verify = text(c, "verify").orElse("true");
    return OpenStackCredentials.builder()
        .authUrl(text(auth, "auth_url").orElse(null))
        .username(text(auth, "username").orElse(null))
        .userId(text(auth, "user_id").orElse(null))
        .password(password)
        .userDomainName(text(auth, "user_domain_name").or(() -> text(auth, "domain_name")).orElse(null))
        .userDomainId(text(auth, "user_domain_id").or(() -> text(auth, "domain_id")).orElse(null))
        .projectName(text(auth, "project_name").or(() -> text(auth, "tenant_name")).orElse(null))
        .projectId(text(auth, "project_id").or(() -> text(auth, "tenant_id")).orElse(null))
        .projectDomainName(text(auth, "project_domain_name").orElse(null))
        .projectDomainId(text(auth, "project_domain_id").orElse(null))
        .regionName(text(c, "region_name").orElse(null))
        .endpointInterface(text(c, "interface").or(() -> text(c, "endpoint_type")).orElse(null))
        .caCertFile(text(c, "cacert").orElse(null))
        .insecure(verify.equalsIgnoreCase("false"))
        .source("cloud \"" + cloud + "\" of " + file)
        .build();
  }

  private static JsonNode read(Path file) {
    try {
      // made here, not in a static field: every command line run looks for OS_CLOUD, few read a clouds.yaml, and
      // Jackson's YAML mapper takes ~0.3 s to start
      JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      if (n == null || !n.isObject()) {
        throw new StackwrightException(file + " is not a YAML mapping; it should start with \"clouds:\"");
      }
      return n;
    } catch (IOException e) {
      throw new StackwrightException("cannot read " + file + ": " + e.getMessage()
          + "; fix the YAML (the openstack CLI reads the same file)", e);
    }
  }

  private static void merge(ObjectNode base, JsonNode over) {
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = base.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) existing, e.getValue());
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? Optional.empty() : Optional.of(v.asText());
  }
}
