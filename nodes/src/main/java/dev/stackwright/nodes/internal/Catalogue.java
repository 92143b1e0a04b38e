package dev.stackwright.nodes.internal;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.Closest;
import dev.stackwright.model.Ipv4Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the rig offers, like a cloud's catalogue: flavours (sizes only: one kernel, no per-node limits), images (a
 * base rootfs each), the one cluster network, and how long a boot may take.
 */
public record Catalogue(Map<String, int[]> flavors, Map<String, Path> images, String networkName,
    Ipv4Network network, Duration bootTimeout) {

  public Catalogue {
    flavors = Map.copyOf(flavors);
    images = Map.copyOf(images);
  }

  /** The host side's address on the bridge: the network's last but one, such as {@code 10.0.255.254}. */
  public String bridgeAddress() {
    return network.host((int) network.size() - 2).toString();
  }

  public void requireFlavor(ResourceId id, String name) {
    if (!flavors.containsKey(name)) {
      throw missing(id, "flavour", name, flavors.keySet());
    }
  }

  /** The image's rootfs, which must be there: a clear error with the command that builds it otherwise. */
  public Path rootfs(ResourceId id, String image) {
    Path p = images.get(image);
    if (p == null) {
      throw missing(id, "image", image, images.keySet());
    }
    if (!Files.isDirectory(p.resolve("etc"))) {
      throw new BackendException(Reason.NOT_FOUND, id, "image \"" + image + "\" is the rootfs " + p
          + ", which does not exist or holds no /etc; build it (nodes/rig/image.sh build) or point the image at"
          + " a built one");
    }
    return p;
  }

  public void requireNetwork(ResourceId id, String name) {
    if (!networkName.equals(name)) {
      throw missing(id, "network", name, Set.of(networkName));
    }
  }

  private static BackendException missing(ResourceId id, String what, String name, Set<String> known) {
    return new BackendException(Reason.NOT_FOUND, id, "no " + what + " named \"" + name + "\" on the rig; it has "
        + new TreeSet<>(known) + Closest.hint(name, known));
  }
}
