package dev.stackwright.dsl;

import dev.stackwright.model.Service;
import dev.stackwright.model.ServicePort;

/**
 * What only stackwright's own services may say, refused on a service of the user's own: each changes the built-ins'
 * configs or security on every node (a jump host is let in by SSH from every group; template values can replace the
 * broker URLs in every env file; a part named {@code application} or {@code nginx} replaces the built-in one; an
 * application port widens the hosts Django answers to), and port 22 is every node's sshd.
 */
final class BuiltInOnlyRules {
  private static final int SSH = 22;

  private BuiltInOnlyRules() {}

  static void check(Service s, String path, Problems problems) {
    if (!s.parts().isEmpty()) {
      refuse(problems, path + ".parts", s.parts().size() + " part(s)", "leave out parts: put the service's files "
          + "in .file(...) and its commands in .bootStep(...)");
    }
    if (!s.nodeHooks().isEmpty()) {
      refuse(problems, path + ".nodeHooks", s.nodeHooks().size() + " hook(s)", "leave out node hooks: a command "
          + "goes in .bootStep(...), a value per instance in a template (instance.address, instance.name)");
    }
    if (!s.templateValues().isEmpty()) {
      refuse(problems, path + ".templateValues", s.templateValues().size() + " source(s)", "leave out template "
          + "values: give the application a value with .appSetting(NAME, value), and compute a file's values in "
          + "its template");
    }
    if (!s.instanceValues().isEmpty()) {
      refuse(problems, path + ".instanceValues", s.instanceValues().size() + " source(s)", "leave out instance "
          + "values: a template reads the instance's own (instance.address, instance.name, node.vcpus) and "
          + "computes the rest");
    }
    if (s.jumpHost()) {
      refuse(problems, path + ".jumpHost", true, "leave out jumpHost(true): reach the nodes by SSH through the "
          + "controller, and open a port of the service with .openTo(...) or an access from the admin network");
    }
    if (s.publicEntry()) {
      refuse(problems, path + ".publicEntry", true, "leave out publicEntry(true): the load balancer and the "
          + "controller are the cluster's public entries; let them proxy to the service's port");
    }
    s.applicationPort().ifPresent(p -> refuse(problems, path + ".applicationPort", p, "leave out "
        + "applicationPort(...): the application is served by the app servers; open the service's port with "
        + ".openTo(...)"));
    if (s.runsApplication()) {
      refuse(problems, path + ".runsApplication", true, "leave out runsApplication(true): give the application "
          + "settings with .appSetting(NAME, value), and run the service's own program from .bootStep(...)");
    }
    for (ServicePort p : s.ports()) {
      if (p.number() == SSH && p.protocol().equals("tcp")) {
        problems.problem(path + ".port[" + p.name() + "]", p.number() + "/" + p.protocol(), "is every node's "
            + "sshd, which the service cannot listen on", "give the port a number that no daemon of the node "
            + "has, above 1023 for a daemon of your own");
      }
    }
  }

  private static void refuse(Problems problems, String path, Object value, String fix) {
    problems.problem(path, value, "is for stackwright's own services only (it changes the built-ins' configs or "
        + "security on every node)", fix);
  }
}
