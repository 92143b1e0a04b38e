package dev.stackwright.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A server: flavour and image by name, booted on its port with the keypair and, for a host kind with several VMs, in
 * its server group, with the cloud-init user-data the renderer made.
 *
 * <p>Clouds do not give user-data back, so what identifies it is {@code userDataSha256} and {@code fileDigests} (each
 * rendered file's path with a short digest of its content); a backend stores both with the server (Nova metadata) and
 * reports them when it observes, with {@code userData} empty. The planner compares digests, and names the files that
 * differ.
 */
public record ServerSpec(ResourceId id, String name, String flavor, String image, ResourceId port,
    Optional<ResourceId> keypair, Optional<ResourceId> serverGroup, String userData, String userDataSha256,
    Map<String, String> fileDigests, Map<String, String> metadata) implements ResourceSpec {

  /** The length of a file's digest in {@link #fileDigests()}: 12 hex characters (48 bits) are plenty to see change. */
  public static final int FILE_DIGEST_LENGTH = 12;
  /** The port of a server observed without one (still building, or its port deleted under it). */
  public static final ResourceId NO_PORT = ResourceId.of(ResourceKind.PORT, "none");

  public ServerSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(flavor, "flavor");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(keypair, "keypair");
    Objects.requireNonNull(serverGroup, "serverGroup");
    userData = userData == null ? "" : userData;
    Objects.requireNonNull(userDataSha256, "userDataSha256");
    fileDigests = Map.copyOf(new TreeMap<>(fileDigests));
    metadata = Map.copyOf(metadata);
  }

  /** The digest of a text, as {@link #userDataSha256()} holds it. */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The short digest of a file's content, as {@link #fileDigests()} holds it. */
  public static String fileDigest(String content) {
    return fileDigestOf(sha256(content));
  }

  /** The short digest of a file whose content's SHA-256 (hex) is known already. */
  public static String fileDigestOf(String sha256Hex) {
    return sha256Hex.substring(0, FILE_DIGEST_LENGTH);
  }

  /**
   * Everything but the user-data, which holds the cluster's secrets (in gzipped, base64-encoded files): shown by its
   * length and digest, so a spec printed in a log, a message or a debugger's view gives nothing away.
   */
  @Override
  public String toString() {
    return "ServerSpec[id=" + id + ", name=" + name + ", flavor=" + flavor + ", image=" + image + ", port=" + port
        + ", keypair=" + keypair + ", serverGroup=" + serverGroup + ", userData=(" + userData.length()
        + " characters, withheld: it holds secrets), userDataSha256=" + userDataSha256 + ", fileDigests="
        + fileDigests + ", metadata=" + metadata + "]";
  }

  /**
   * The same server without its port, as a cloud shows one that holds none: not bound yet while it builds, or its
   * port deleted under it.
   */
  public ServerSpec withoutPort() {
    return new ServerSpec(id, name, flavor, image, NO_PORT, keypair, serverGroup, userData, userDataSha256,
        fileDigests, metadata);
  }

  /** The same server observed: its user-data is known only by its digests. */
  public ServerSpec withoutUserData() {
    return new ServerSpec(id, name, flavor, image, port, keypair, serverGroup, "", userDataSha256, fileDigests,
        metadata);
  }

  @Override
  public Set<ResourceId> dependsOn() {
    Set<ResourceId> deps = new LinkedHashSet<>();
    deps.add(port);
    keypair.ifPresent(deps::add);
    serverGroup.ifPresent(deps::add);
    return Set.copyOf(deps);
  }
}
