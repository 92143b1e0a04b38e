package dev.stackwright.internal;

import java.util.regex.Pattern;

/**
 * What a file a node is given may be called and owned by: the rules of the renderer's extra files
 * ({@code Renderer.Builder.addFile}) and of services' files, in one place.
 */
public final class SafePaths {
  /** An absolute path of plain segments: no spaces, quotes, braces or shell characters. */
  public static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_.@+-]+)+");
  /** {@code user:group}, each a system user name. */
  public static final Pattern OWNER = Pattern.compile("[a-z_][a-z0-9_-]*:[a-z_][a-z0-9_-]*");
  /** A template's name under its folder: plain segments, such as {@code redis/redis.conf.jinja}. */
  public static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

  private SafePaths() {}

  /** True for an absolute path of plain segments, none of them {@code .} or {@code ..}. */
  public static boolean plainAbsolute(String path) {
    return PATH.matcher(path).matches() && !path.contains("/../") && !path.endsWith("/..")
        && !path.contains("/./") && !path.endsWith("/.");
  }

  /** True for a template name of plain segments, none of them {@code .} or {@code ..}. */
  public static boolean plainTemplate(String name) {
    return TEMPLATE.matcher(name).matches() && java.util.Arrays.stream(name.split("/"))
        .noneMatch(s -> s.equals(".") || s.equals(".."));
  }
}
