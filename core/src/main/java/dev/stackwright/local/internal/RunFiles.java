package dev.stackwright.local.internal;

import dev.stackwright.local.LocalMapping;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import dev.stackwright.local.LocalRunException;

/**
 * The files of a local run: the mapped rendered files (only those that differ), with their rendered mode and owner,
 * and what a node's image would provide that the renderer does not write (a package's files its services' runners
 * name, the directories of logs, pid files and data). Every file error is a {@link LocalRunException} that names the
 * path and the fix.
 */
final class RunFiles {
  private final LocalMapping mapping;
  private final Path runDir;

  RunFiles(LocalMapping mapping) {
    this.mapping = mapping;
    this.runDir = mapping.runDir();
  }

  Path runDir() {
    return runDir;
  }

  /**
   * Writes the mapped files (only those that differ) and what the nodes' images would provide; returns every file
   * written, the image's included, and adds the rendered files that changed to {@code changed}.
   */
  List<NodeFile> write(Cluster cluster, List<NodeFile> files, List<NodeFile> changed) {
    for (NodeFile f : files) {
      if (write(f.hostPath(), f.content(), f.mode())) {
        changed.add(f);
      }
      own(f.hostPath(), f.owner());
    }
    List<NodeFile> all = new ArrayList<>(files);
    for (Node node : cluster.nodes()) {
      imageFiles(node, files).forEach(all::add);
    }
    provision(all);
    return all;
  }

  /** True when {@code f} is not on disk as it would be written. */
  boolean differs(NodeFile f) {
    try {
      return !Files.exists(f.hostPath()) || !Files.readString(f.hostPath()).equals(f.content());
    } catch (IOException e) {
      return true;
    }
  }

  /** Writes {@code content} when it differs; true when it did. */
  private boolean write(Path path, String content, int mode) {
    try {
      if (Files.exists(path) && Files.readString(path).equals(content)) {
        return false;
      }
      mkdirs(path.getParent());
      Files.writeString(path, content);
      Files.setPosixFilePermissions(path, permissions(mode));
      return true;
    } catch (IOException e) {
      throw cannot("write", path, e);
    }
  }

  /**
   * As root, a service's workers may run as another user (nginx's as www-data) and must reach the files under the run
   * directory: every directory above
   * it needs search permission for others. The run's own directories and {@code .stackwright} (whose secrets file
   * stays 0600) get it; any other directory that lacks it is named with the fix.
   */
  void reachableByServiceUsers() {
    if (!Processes.isRoot()) {
      return;
    }
    for (Path dir = runDir; dir != null; dir = dir.getParent()) {
      try {
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
        if (p.contains(PosixFilePermission.OTHERS_EXECUTE)) {
          continue;
        }
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (dir.startsWith(runDir) || name.equals(".stackwright") || name.equals("local")) {
          p.add(PosixFilePermission.OTHERS_EXECUTE);
          p.add(PosixFilePermission.GROUP_EXECUTE);
          Files.setPosixFilePermissions(dir, p);
        } else {
          throw new LocalRunException("the services' own users (such as www-data) cannot reach the run directory "
              + runDir + " because " + dir + " has no search permission for others; fix: chmod o+x " + dir
              + ", or choose a run directory elsewhere with LocalRun.builder().runDir(...)", runDir);
        }
      } catch (IOException e) {
        throw cannot("read the permissions of", dir, e);
      }
    }
  }

  /**
   * Gives a file the rendered owner, as cloud-init would, when this run is root and the user and group exist here
   * (www-data must read the controller's htpasswd, for one); otherwise the file stays the runner's.
   */
  private void own(Path path, String owner) {
    if (!Processes.isRoot()) {
      return;
    }
    String[] ug = owner.split(":", 2);
    try {
      var lookup = path.getFileSystem().getUserPrincipalLookupService();
      var view = Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class);
      var user = lookup.lookupPrincipalByName(ug[0]);
      var group = lookup.lookupPrincipalByGroupName(ug.length > 1 ? ug[1] : ug[0]);
      if (!view.getOwner().equals(user)) {
        view.setOwner(user);
      }
      if (!view.readAttributes().group().equals(group)) {
        view.setGroup(group);
      }
    } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
      // the user's package is not installed here (the app's own user, say): the runner keeps the file
    } catch (IOException e) {
      throw cannot("give to " + owner, path, e);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        p.add(order[i]);
      }
    }
    return p;
  }

  void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw cannot("create", dir, e);
    }
  }

  /** What went wrong with a file, in words: the JDK's messages of some are only the path. */
  static String why(IOException e) {
    String kind = e instanceof java.nio.file.NoSuchFileException ? "no such file or directory: "
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied: "
        : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way: " : "";
    return kind + e.getMessage();
  }

  /** An error about a file or directory of the run: what could not be done, where, why, and the fix. */
  LocalRunException cannot(String what, Path path, IOException e) {
    return new LocalRunException("cannot " + what + " " + path + " (" + why(e) + "); fix: make it a directory or file this user can write, or choose another run directory"
        + " with LocalRun.builder().runDir(...); nothing was started", runDir);
  }

  /**
   * The files the node's image would provide that its services' runners name ({@link
   * dev.stackwright.local.LocalRunner#imagePaths()}) and the renderer does not write: a named file is copied from
   * this machine and mapped; a named directory's files likewise, unless already there.
   */
  private List<NodeFile> imageFiles(Node node, List<NodeFile> rendered) {
    Set<String> paths = new LinkedHashSet<>();
    node.roles().forEach(r -> r.kind().localRun().ifPresent(run -> paths.addAll(run.imagePaths())));
    Set<String> renderedHere = rendered.stream().filter(f -> f.node().equals(node.name())).map(NodeFile::nodePath)
        .collect(Collectors.toSet());
    List<NodeFile> out = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (String path : paths) {
      if (!Files.isDirectory(Path.of(path)) && named.add(path) && !renderedHere.contains(path)) {
        imageFile(node.name(), path).ifPresent(out::add);
      }
    }
    for (String dir : paths) {
      if (Files.isDirectory(Path.of(dir))) {
        out.addAll(imageDirectory(node.name(), dir, renderedHere, named));
      }
    }
    return out;
  }

  private List<NodeFile> imageDirectory(String node, String dir, Set<String> renderedHere, Set<String> named) {
    List<NodeFile> out = new ArrayList<>();
    try (var list = Files.list(Path.of(dir))) {
      for (Path p : list.sorted().collect(Collectors.toList())) {
        String nodePath = p.toString();
        if (!Files.isRegularFile(p) || named.contains(nodePath) || renderedHere.contains(nodePath)
            || Files.exists(mapping.path(node, nodePath))) {
          continue;
        }
        imageFile(node, nodePath).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new LocalRunException("cannot list " + dir + ", the files of a package the node's image has ("
          + e.getMessage() + "); fix: reinstall the package that owns it (dpkg -S " + dir + " names it)", runDir);
    }
    return out;
  }

  /** A file the node's image would have (from this machine's packages), mapped like a rendered file. */
  private Optional<NodeFile> imageFile(String node, String nodePath) {
    Path source = Path.of(nodePath);
    if (!Files.isRegularFile(source)) {
      return Optional.empty();
    }
    try {
      String content = mapping.content(node, Files.readString(source));
      Path target = mapping.path(node, nodePath);
      write(target, content, 0644);
      return Optional.of(new NodeFile(node, nodePath, target, 0644, "root:root", content));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Every node path a config names that the renderer did not write is provided the way the node's image would: a
   * package's file under /etc (mime.types, a module list) is copied from this machine and mapped; for anything else
   * the directory it lives in is created (logs, pid files, data).
   */
  private void provision(List<NodeFile> files) {
    Set<String> done = new HashSet<>();
    List<NodeFile> queue = new ArrayList<>(files);
    while (!queue.isEmpty()) {
      NodeFile f = queue.remove(0);
      Path root = mapping.nodeRoot(f.node());
      Matcher m = Pattern.compile(Pattern.quote(root.toString()) + "(/[\\w.@%+=,*-]*)+").matcher(f.content());
      while (m.find()) {
        String mapped = m.group();
        if (!done.add(f.node() + "|" + mapped)) {
          continue;
        }
        String nodePath = mapped.substring(root.toString().length());
        Path target = Path.of(mapped);
        if (nodePath.contains("*")) {
          int slash = nodePath.lastIndexOf('/', nodePath.indexOf('*'));
          Path dir = Path.of(nodePath.substring(0, Math.max(1, slash)));
          PathMatcher glob = dir.getFileSystem().getPathMatcher("glob:" + nodePath);
          mkdirs(mapping.path(f.node(), dir.toString()));
          if (Files.isDirectory(dir) && dir.startsWith("/etc")) {
            try (var list = Files.list(dir)) {
              for (Path p : list.filter(glob::matches).collect(Collectors.toList())) {
                Path to = mapping.path(f.node(), p.toString());
                if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS) && Files.isRegularFile(p)) {
                  imageFile(f.node(), p.toString()).ifPresent(queue::add);
                }
              }
            } catch (IOException e) {
              throw new LocalRunException("cannot list " + dir + ", which " + f.nodePath() + " on " + f.node()
                  + " includes (" + e.getMessage() + "); fix: check that the package that owns it is installed",
                  runDir);
            }
          }
          continue;
        }
        if (Files.exists(target)) {
          continue;
        }
        Path source = Path.of(nodePath);
        if (nodePath.startsWith("/etc/") && Files.isRegularFile(source)) {
          imageFile(f.node(), nodePath).ifPresent(queue::add);
        } else if (nodePath.endsWith("/")) {
          mkdirs(target);
        } else if (target.getParent() != null) {
          mkdirs(target.getParent());
        }
      }
    }
  }
}
