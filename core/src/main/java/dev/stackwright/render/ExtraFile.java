package dev.stackwright.render;

import dev.stackwright.internal.SafePaths;
import dev.stackwright.internal.SafeText;
import dev.stackwright.model.OnChange;
import java.util.Objects;

/**
 * A file of the user's own, rendered from a template onto every node that carries a role, and what a change of it
 * needs on a running node. Refuses a path or owner a config cannot take.
 */
record ExtraFile(String role, String path, String template, int mode, String owner, OnChange onChange) {
  ExtraFile {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(onChange, "onChange");
    RenderedFile.check(null, Objects.requireNonNull(path, "path"), mode);
    if (!SafePaths.PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("path \"" + SafeText.printable(path) + "\" of an extra "
          + "file has characters a config cannot take; write it like \"/etc/myapp/app.conf\"");
    }
    if (!SafePaths.OWNER.matcher(Objects.requireNonNull(owner, "owner")).matches()) {
      throw new IllegalArgumentException("owner \"" + SafeText.printable(owner) + "\" of " + path
          + " is not user:group; write it like \"root:root\"");
    }
  }
}
