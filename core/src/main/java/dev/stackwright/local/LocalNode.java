package dev.stackwright.local;

import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import dev.stackwright.model.RoleInstance;
import dev.stackwright.model.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LocalRunner} sees of the node it runs a service on: read-only, and already mapped (loopback
 * addresses, unprivileged ports when not root, paths in the run directory).
 */
public interface LocalNode {
  Cluster cluster();

  Node node();

  /** The node's name, {@code redis-1}. */
  default String name() {
    return node().name();
  }

  /** The service being run. */
  Service service();

  /** The service's role instance on this node. */
  RoleInstance instance();

  /** The instance's address, mapped: {@code 127.0.40.1}. */
  String address();

  /** Any role instance's address, mapped. */
  String address(RoleInstance instance);

  /**
   * The number the service's port {@code name} has here: the descriptor's, or an unprivileged one when the run may
   * not bind it.
   *
   * @throws IllegalArgumentException when the service has no port of that name
   */
  int port(String name);

  /** Every rendered file of the node, mapped, and the files its image provides. */
  List<LocalFile> files();

  /** The node's file at {@code nodePath}, when rendered or provided. */
  default Optional<LocalFile> file(String nodePath) {
    return files().stream().filter(f -> f.nodePath().equals(nodePath)).findFirst();
  }

  /** Where {@code nodePath} of this node lives on this machine. */
  Path path(String nodePath);

  /** The directory that stands for the node's root file system. */
  Path root();

  /** The run directory. */
  Path runDir();

  /** A file where a runner keeps a choice across applies (a port it picked); destroy removes it. */
  Path stateFile(String name);

  /** A fresh copy of the minimal environment every process starts with: PATH, LANG, HOME in the node's root. */
  Map<String, String> environment();

  /** The Python with the application's libraries. */
  Path python();

  /** An executable the run was told where to find ({@code LocalRun.builder().program(name, path)}). */
  Optional<Path> program(String name);

  /** The directory the application's code is copied from, when the run has one. */
  Optional<Path> application();
}
