package dev.stackwright.engine;

import dev.stackwright.spi.ResourceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reconfigure or a rebuild will do on one node, as the plan shows it before any call: the files written (a
 * reconfigure's with the manifest; a rebuild boots with every file, these the ones that differ), the commands' names
 * in order ({@code install-packages}, {@code daemon-reload}, {@code app-fetch}, {@code restart gunicorn}...), the
 * health checks' names, and whether the node boots (a rebuild, or a file that needs a reboot). The commands
 * themselves are made again when the step runs, from the files rendered then.
 */
record NodeWork(String node, String host, Optional<ResourceId> via, List<String> files, List<String> commands,
    List<String> checks, boolean boots) {
  NodeWork {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(via, "via");
    files = List.copyOf(files);
    commands = List.copyOf(commands);
    checks = List.copyOf(checks);
  }
}
