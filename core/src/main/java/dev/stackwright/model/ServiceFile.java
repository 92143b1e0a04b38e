package dev.stackwright.model;

import java.util.Objects;

/**
 * One file a service puts on each node that runs it, from a template. The path may hold {@code {suffix}} (empty for a
 * role named after its service, {@code -name} otherwise) and {@code {service}}, so two roles of one service on a node
 * get files of their own.
 *
 * @param template the template's name, such as {@code redis/redis.conf.jinja}
 * @param path the absolute path on the node
 * @param owner {@code user:group}
 * @param mode permission bits, such as {@code 0644}
 * @param secret whether the file holds secrets (mode 0600 then, and never logged or shown in a diff)
 * @param onChange what a change of the file needs on a running node
 */
public record ServiceFile(String template, String path, String owner, int mode, boolean secret, OnChange onChange) {
  public ServiceFile {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(onChange, "onChange");
  }

  /** The path for one role instance: {@code {suffix}} and {@code {service}} replaced. */
  public String pathFor(String service, String suffix) {
    return path.replace("{service}", service).replace("{suffix}", suffix);
  }
}
