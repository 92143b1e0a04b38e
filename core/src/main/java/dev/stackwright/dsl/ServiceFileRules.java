package dev.stackwright.dsl;

import dev.stackwright.Closest;
import dev.stackwright.internal.SafePaths;
import dev.stackwright.model.Service;
import dev.stackwright.model.ServiceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a service of the user's own: a template name of plain segments, an absolute path of plain segments
 * whatever role it is for, a {@code user:group} owner and a mode no other user can write through (the rules of the
 * renderer's extra files, {@link SafePaths}), a secret readable by its owner only, a unit to reload or restart that
 * systemd would take.
 */
final class ServiceFileRules {
  /** A suffix a path is checked with beside the empty one: the longest a role's name makes. */
  private static final String PROBE_SUFFIX = "-" + "r".repeat(Texts.MAX_NAME);

  private ServiceFileRules() {}

  static void check(Service s, String path, Problems problems) {
    Map<String, Integer> paths = new HashMap<>();
    for (int i = 0; i < s.files().size(); i++) {
      ServiceFile f = s.files().get(i);
      String at = path + ".file[" + i + "]";
      if (!SafePaths.plainTemplate(f.template())) {
        problems.problem(at + ".template", f.template(), "is not a template name of plain segments",
            "name it relative to the service's templates, such as \"redis/redis.conf.jinja\"");
      }
      if (path(s, f, at, problems)) {
        Integer earlier = paths.putIfAbsent(f.path(), i);
        if (earlier != null) {
          problems.problem(at + ".path", f.path(), "is the path of file[" + earlier + "] too",
              "give each file a path of its own");
        }
      }
      if (!SafePaths.OWNER.matcher(f.owner()).matches()) {
        problems.problem(at + ".owner", f.owner(), "is not user:group", "write it as user:group, like \"redis:redis\"");
      } else {
        owner(s, f.owner(), at + ".owner", problems);
      }
      mode(f, at, problems);
      f.onChange().unit().map(u -> u.replace("{suffix}", PROBE_SUFFIX))
          .filter(u -> !ServiceRules.UNIT.matcher(u).matches())
          .ifPresent(u -> problems.problem(at + ".onChange", f.onChange().unit().get(), "is not a systemd unit's "
              + "name", "write it like \"redis-server\" (with {suffix} for the role's, when it has one)"));
    }
  }

  private static boolean path(Service s, ServiceFile f, String at, Problems problems) {
    for (String suffix : new String[] {"", PROBE_SUFFIX}) {
      String resolved = f.pathFor(s.name(), suffix);
      if (!SafePaths.plainAbsolute(resolved) || resolved.endsWith("/")) {
        problems.problem(at + ".path", f.path(), "is not a plain absolute path (after {service} and {suffix} are "
            + "filled in)", "write it like \"/etc/redis/redis{suffix}.conf\": letters, digits, _ . @ + - between "
            + "slashes");
        return false;
      }
    }
    return true;
  }

  /** A user the node has when the service's steps run: root or one of its users; the group theirs too. */
  private static void owner(Service s, String owner, String at, Problems problems) {
    String user = owner.substring(0, owner.indexOf(':'));
    String group = owner.substring(owner.indexOf(':') + 1);
    List<String> known = new ArrayList<>(List.of("root"));
    known.addAll(s.users());
    if (!known.contains(user)) {
      problems.problem(at, owner, "names user " + user + ", which is neither root nor one of service " + s.name()
          + "'s users " + s.users() + Closest.hint(user, known), "name root or one of its users, or add the user "
          + "with .addUsers(...) when the service's package makes it");
    } else if (!known.contains(group)) {
      problems.problem(at, owner, "names group " + group + ", which is neither root nor the group of one of service "
          + s.name() + "'s users " + s.users() + Closest.hint(group, known), "name the group of root or of one of its "
          + "users");
    }
  }

  private static void mode(ServiceFile f, String at, Problems problems) {
    int mode = f.mode();
    String octal = "0" + Integer.toOctalString(mode);
    if (mode < 0 || mode > 0777) {
      problems.problem(at + ".mode", mode < 0 ? String.valueOf(mode) : octal, "is not a plain file mode (no "
          + "setuid, setgid or sticky bit)", "write it in octal from 0 to 0777, such as 0640");
    } else if ((mode & 0002) != 0) {
      problems.problem(at + ".mode", octal, "lets any user of the node write the file",
          "drop the others' write bit: such as 0644, or 0640 for a file its group reads");
    } else if (f.secret() && (mode & 0077) != 0) {
      problems.problem(at + ".mode", octal, "lets others than the owner read a file that holds secrets",
          "use 0600 (Service.Builder.secretFile does), or 0400");
    }
  }
}
