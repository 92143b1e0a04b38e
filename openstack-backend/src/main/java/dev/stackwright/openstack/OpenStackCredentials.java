package dev.stackwright.openstack;

import dev.stackwright.StackwrightException;
import dev.stackwright.openstack.internal.CloudsYaml;
import dev.stackwright.openstack.internal.Openrc;
import dev.stackwright.openstack.internal.OsVariables;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one OpenStack project, the way OpenStack users already have it: the {@code OS_*} variables of an
 * openrc file (Keystone v3, and the v2 names where they map), or a cloud of {@code clouds.yaml} named by
 * {@code OS_CLOUD}. Immutable and thread-safe; {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * Optional<OpenStackCredentials> fromEnv = OpenStackCredentials.fromEnvironment();
 * OpenStackCredentials rc = OpenStackCredentials.fromOpenrc(Path.of("demo-openrc"));
 * OpenStackCredentials yaml = OpenStackCredentials.fromCloudsYaml(Path.of("clouds.yaml"), "demo");
 * }</pre>
 */
public final class OpenStackCredentials {
  /** Where {@code clouds.yaml} is looked for, in order, when {@code OS_CLIENT_CONFIG_FILE} does not name it. */
  public static final List<String> CLOUDS_YAML_SEARCH_PATH =
      List.of("./clouds.yaml", "~/.config/openstack/clouds.yaml", "/etc/openstack/clouds.yaml");

  private final String authUrl;
  private final String username;
  private final String userId;
  private final String password;
  private final String userDomainName;
  private final String userDomainId;
  private final String projectName;
  private final String projectId;
  private final String projectDomainName;
  private final String projectDomainId;
  private final String regionName;
  private final String endpointInterface;
  private final String caCertFile;
  private final boolean insecure;
  private final String source;

  private OpenStackCredentials(Builder b) {
    this.authUrl = normalizeAuthUrl(b.authUrl);
    this.username = b.username;
    this.userId = b.userId;
    this.password = b.password;
    this.userDomainName = b.userDomainName;
    this.userDomainId = b.userDomainId;
    this.projectName = b.projectName;
    this.projectId = b.projectId;
    this.projectDomainName = b.projectDomainName;
    this.projectDomainId = b.projectDomainId;
    this.regionName = b.regionName;
    this.endpointInterface = b.endpointInterface == null ? "public" : b.endpointInterface.toLowerCase(Locale.ROOT);
    this.caCertFile = b.caCertFile;
    this.insecure = b.insecure;
    this.source = b.source == null ? "builder" : b.source;
  }

  /**
   * The credentials the environment names, if any: the cloud {@code OS_CLOUD} names in {@code clouds.yaml}
   * ({@code OS_CLIENT_CONFIG_FILE}, else the first of {@link #CLOUDS_YAML_SEARCH_PATH}), else the {@code OS_*}
   * variables of a sourced openrc file. Empty when neither {@code OS_CLOUD} nor {@code OS_AUTH_URL} is set.
   *
   * @throws StackwrightException when they are set but incomplete, saying what is missing and how to fix it
   */
  public static Optional<OpenStackCredentials> fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Like {@link #fromEnvironment()}, reading {@code env} instead of the process environment. */
  public static Optional<OpenStackCredentials> fromEnvironment(Map<String, String> env) {
    Path home = Paths.get(System.getProperty("user.home", "/root"));
    return fromEnvironment(env, CloudsYaml.searchPath(home));
  }

  static Optional<OpenStackCredentials> fromEnvironment(Map<String, String> env, List<Path> cloudsYamlSearchPath) {
    return OsVariables.fromEnvironment(env, cloudsYamlSearchPath);
  }

  /**
   * Reads the {@code export OS_...=...} lines of an openrc file, such as the one Horizon offers for download or the
   * loopback cloud's {@code demo-openrc}. A file that prompts for the password leaves it to {@code OS_PASSWORD}.
   */
  public static OpenStackCredentials fromOpenrc(Path file) {
    Map<String, String> vars = Openrc.read(file);
    if (!vars.containsKey("OS_PASSWORD") && System.getenv("OS_PASSWORD") != null) {
      vars.put("OS_PASSWORD", System.getenv("OS_PASSWORD"));
    }
    return fromVariables(vars, "openrc file " + file);
  }

  /** The cloud named {@code cloud} in a {@code clouds.yaml} file (with a {@code secure.yaml} beside it, if any). */
  public static OpenStackCredentials fromCloudsYaml(Path file, String cloud) {
    return CloudsYaml.credentials(List.of(file), cloud, Map.of());
  }

  /**
   * Credentials from {@code OS_*} variables: v3 names, and the v2 names {@code OS_TENANT_NAME} / {@code OS_TENANT_ID}
   * for the project. {@code source} says where they came from, for error messages.
   */
  public static OpenStackCredentials fromVariables(Map<String, String> vars, String source) {
    return OsVariables.credentials(vars, source);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Keystone's v3 URL, such as {@code http://127.0.0.1:5000/v3}. A v2.0 URL or one without a version is moved to v3. */
  public String authUrl() {
    return authUrl;
  }

  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** Not shown by {@link #toString()}. */
  public String password() {
    return password;
  }

  /** The user's domain; {@code Default} when neither its name nor its id is set. */
  public Optional<String> userDomainName() {
    return Optional.ofNullable(userDomainName != null || userDomainId != null ? userDomainName : "Default");
  }

  public Optional<String> userDomainId() {
    return Optional.ofNullable(userDomainId);
  }

  public Optional<String> projectName() {
    return Optional.ofNullable(projectName);
  }

  public Optional<String> projectId() {
    return Optional.ofNullable(projectId);
  }

  /** The project's domain; the user's domain when neither its name nor its id is set. */
  public Optional<String> projectDomainName() {
    if (projectDomainName != null || projectDomainId != null) {
      return Optional.ofNullable(projectDomainName);
    }
    return userDomainId != null ? Optional.empty() : userDomainName();
  }

  public Optional<String> projectDomainId() {
    if (projectDomainName != null || projectDomainId != null) {
      return Optional.ofNullable(projectDomainId);
    }
    return Optional.ofNullable(userDomainId);
  }

  /** The region; when empty the session takes the catalogue's only region, or fails listing them. */
  public Optional<String> regionName() {
    return Optional.ofNullable(regionName);
  }

  /** Which endpoints of the catalogue to use: {@code public} (the default), {@code internal} or {@code admin}. */
  public String endpointInterface() {
    return endpointInterface;
  }

  /** A PEM file with the CA certificates to trust for HTTPS endpoints. */
  public Optional<String> caCertFile() {
    return Optional.ofNullable(caCertFile);
  }

  /** True when TLS certificates are not verified ({@code OS_INSECURE=true}, or {@code verify: false}). */
  public boolean insecure() {
    return insecure;
  }

  /** Where these credentials came from, such as {@code openrc file /var/lib/stackwright-cloud/demo-openrc}. */
  public String source() {
    return source;
  }

  /** The user and project as a person reads them: {@code demo@demo (Default)}. */
  String principal() {
    String user = username != null ? username : "user id " + userId;
    String project = projectName != null ? projectName : "project id " + projectId;
    return user + " in project " + project;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OpenStackCredentials)) {
      return false;
    }
    OpenStackCredentials c = (OpenStackCredentials) o;
    return authUrl.equals(c.authUrl) && Objects.equals(username, c.username) && Objects.equals(userId, c.userId)
        && password.equals(c.password) && Objects.equals(userDomainName, c.userDomainName)
        && Objects.equals(userDomainId, c.userDomainId) && Objects.equals(projectName, c.projectName)
        && Objects.equals(projectId, c.projectId) && Objects.equals(projectDomainName, c.projectDomainName)
        && Objects.equals(projectDomainId, c.projectDomainId) && Objects.equals(regionName, c.regionName)
        && endpointInterface.equals(c.endpointInterface) && Objects.equals(caCertFile, c.caCertFile)
        && insecure == c.insecure;
  }

  @Override
  public int hashCode() {
    return Objects.hash(authUrl, username, userId, projectName, projectId, regionName);
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "OpenStackCredentials{authUrl=" + authUrl + ", user=" + (username != null ? username : userId)
        + ", project=" + (projectName != null ? projectName : projectId) + ", region="
        + (regionName == null ? "(the catalogue's only one)" : regionName) + ", interface=" + endpointInterface
        + ", password=****, from " + source + "}";
  }

  static String normalizeAuthUrl(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith("/v2.0")) {
      u = u.substring(0, u.length() - "/v2.0".length());
    }
    if (!u.endsWith("/v3")) {
      u = u + "/v3";
    }
    return u;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Builds credentials; every missing piece is reported at once by {@link #build()}. */
  public static final class Builder {
    private String authUrl;
    private String username;
    private String userId;
    private String password;
    private String userDomainName;
    private String userDomainId;
    private String projectName;
    private String projectId;
    private String projectDomainName;
    private String projectDomainId;
    private String regionName;
    private String endpointInterface;
    private String caCertFile;
    private boolean insecure;
    private String source;

    private Builder() {}

    public Builder authUrl(String authUrl) {
      this.authUrl = blankToNull(authUrl);
      return this;
    }

    public Builder username(String username) {
      this.username = blankToNull(username);
      return this;
    }

    public Builder userId(String userId) {
      this.userId = blankToNull(userId);
      return this;
    }

    public Builder password(String password) {
      this.password = blankToNull(password);
      return this;
    }

    public Builder userDomainName(String name) {
      this.userDomainName = blankToNull(name);
      return this;
    }

    public Builder userDomainId(String id) {
      this.userDomainId = blankToNull(id);
      return this;
    }

    public Builder projectName(String name) {
      this.projectName = blankToNull(name);
      return this;
    }

    public Builder projectId(String id) {
      this.projectId = blankToNull(id);
      return this;
    }

    public Builder projectDomainName(String name) {
      this.projectDomainName = blankToNull(name);
      return this;
    }

    public Builder projectDomainId(String id) {
      this.projectDomainId = blankToNull(id);
      return this;
    }

    public Builder regionName(String region) {
      this.regionName = blankToNull(region);
      return this;
    }

    /** {@code public}, {@code internal} or {@code admin} (also {@code publicURL} and so on, the v2 spelling). */
    public Builder endpointInterface(String endpointInterface) {
      String e = blankToNull(endpointInterface);
      this.endpointInterface = e == null ? null : e.replaceFirst("(?i)url$", "");
      return this;
    }

    public Builder caCertFile(String file) {
      this.caCertFile = blankToNull(file);
      return this;
    }

    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /** Where the values came from, for error messages. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /**
     * @throws StackwrightException naming every missing value and where it comes from
     */
    public OpenStackCredentials build() {
      String from = source == null ? "the credentials" : source;
      List<String> missing = new ArrayList<>();
      if (authUrl == null) {
        missing.add("the Keystone URL (OS_AUTH_URL, or auth.auth_url in clouds.yaml)");
      }
      if (username == null && userId == null) {
        missing.add("the user (OS_USERNAME or OS_USER_ID, or auth.username)");
      }
      if (password == null) {
        missing.add("the password (OS_PASSWORD, or auth.password)");
      }
      if (projectName == null && projectId == null) {
        missing.add("the project (OS_PROJECT_NAME or OS_PROJECT_ID; OS_TENANT_NAME in a v2 openrc;"
            + " or auth.project_name)");
      }
      if (endpointInterface != null && !List.of("public", "internal", "admin")
          .contains(endpointInterface.toLowerCase(Locale.ROOT))) {
        missing.add("a valid interface: \"" + endpointInterface + "\" is none of public, internal, admin");
      }
      if (!missing.isEmpty()) {
        throw new StackwrightException("OpenStack credentials from " + from + " are incomplete; missing "
            + String.join("; ", missing) + ". Fix: source the project's openrc file (Horizon: API Access, "
            + "\"OpenStack RC File\"), or set OS_CLOUD to a cloud of clouds.yaml.");
      }
      return new OpenStackCredentials(this);
    }
  }
}
