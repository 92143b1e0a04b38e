package dev.stackwright.engine;

import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceSpec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the model no longer wants a resource the cloud has, said in the model's terms: a scaled-down host ("'worker'
 * now has 2 VMs (worker-1..worker-2)"), a host or role kind taken out, or a keypair no longer given. Derived from
 * the logical ids alone, so the planner stays a pure function of desired and observed state.
 */
final class DeleteReason {
  private static final Pattern INSTANCE = Pattern.compile("(.+)-(\\d+)");

  private DeleteReason() {}

  static String of(ResourceId gone, DesiredState desired) {
    String prefix = "no longer in the model";
    List<String> sameKind = desired.resources().stream().map(ResourceSpec::id)
        .filter(id -> id.kind() == gone.kind()).map(ResourceId::key).toList();
    Matcher m = INSTANCE.matcher(gone.key());
    if (m.matches()) {
      String host = m.group(1);
      List<Integer> kept = sameKind.stream().map(INSTANCE::matcher).filter(Matcher::matches)
          .filter(k -> k.group(1).equals(host)).map(k -> Integer.parseInt(k.group(2))).sorted().toList();
      if (kept.isEmpty()) {
        return prefix + ": no '" + host + "' VMs any more";
      }
      return prefix + ": '" + host + "' now has " + kept.size() + (kept.size() == 1 ? " VM (" : " VMs (")
          + host + "-" + kept.get(0) + (kept.size() == 1 ? ")" : ".." + host + "-" + kept.get(kept.size() - 1) + ")");
    }
    return switch (gone.kind()) {
      case KEYPAIR -> prefix + ": no public key is given";
      case SERVER_GROUP -> prefix + ": no host kind '" + gone.key() + "' that can grow any more";
      case SECURITY_GROUP -> prefix + ": no role of kind '" + gone.key() + "' any more";
      case NETWORK, SUBNET -> sameKind.isEmpty() ? prefix + ": the cluster owns no network any more" : prefix;
      case ROUTER -> sameKind.isEmpty() ? prefix + ": no owned network with an external network any more" : prefix;
      default -> prefix;
    };
  }
}
