package dev.stackwright.openstack.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.openstack.OpenStackCredentials;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads credentials from {@code OS_*} variables (an openrc file's, or the environment's, where {@code OS_CLOUD} may
 * name a cloud of {@code clouds.yaml} instead), for {@link OpenStackCredentials}' factories.
 */
public final class OsVariables {
  private OsVariables() {}

  /** See {@code OpenStackCredentials.fromEnvironment(Map)}; {@code cloudsYamlSearchPath} where clouds.yaml may be. */
  public static Optional<OpenStackCredentials> fromEnvironment(Map<String, String> env,
      List<Path> cloudsYamlSearchPath) {
    String cloud = blankToNull(env.get("OS_CLOUD"));
    if (cloud != null) {
      String file = blankToNull(env.get("OS_CLIENT_CONFIG_FILE"));
      List<Path> path = file != null ? List.of(Paths.get(file)) : cloudsYamlSearchPath;
      return Optional.of(CloudsYaml.credentials(path, cloud, env));
    }
    if (blankToNull(env.get("OS_AUTH_URL")) == null) {
      return Optional.empty();
    }
    return Optional.of(credentials(env, "the environment's OS_* variables"));
  }

  /** See {@link OpenStackCredentials#fromVariables}. */
  public static OpenStackCredentials credentials(Map<String, String> vars, String source) {
    String authType = blankToNull(vars.get("OS_AUTH_TYPE"));
    if (authType != null && !authType.equals("password") && !authType.equals("v3password")
        && !authType.equals("v2password")) {
      throw new StackwrightException("OS_AUTH_TYPE \"" + authType + "\" in " + source
          + " is not supported; stackwright signs in with a user name and password (OS_AUTH_TYPE=password)."
          + " Download the project's openrc file with password authentication, or unset OS_AUTH_TYPE.");
    }
    return OpenStackCredentials.builder()
        .authUrl(vars.get("OS_AUTH_URL"))
        .username(vars.get("OS_USERNAME"))
        .userId(vars.get("OS_USER_ID"))
        .password(vars.get("OS_PASSWORD"))
        .userDomainName(vars.get("OS_USER_DOMAIN_NAME"))
        .userDomainId(vars.get("OS_USER_DOMAIN_ID"))
        .projectName(firstNonBlank(vars.get("OS_PROJECT_NAME"), vars.get("OS_TENANT_NAME")))
        .projectId(firstNonBlank(vars.get("OS_PROJECT_ID"), vars.get("OS_TENANT_ID")))
        .projectDomainName(vars.get("OS_PROJECT_DOMAIN_NAME"))
        .projectDomainId(vars.get("OS_PROJECT_DOMAIN_ID"))
        .regionName(vars.get("OS_REGION_NAME"))
        .endpointInterface(firstNonBlank(vars.get("OS_INTERFACE"), vars.get("OS_ENDPOINT_TYPE")))
        .caCertFile(vars.get("OS_CACERT"))
        .insecure(isTrue(vars.get("OS_INSECURE")))
        .source(source)
        .build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String firstNonBlank(String a, String b) {
    return blankToNull(a) != null ? a : blankToNull(b);
  }

  private static boolean isTrue(String s) {
    return s != null && (s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("yes"));
  }
}
