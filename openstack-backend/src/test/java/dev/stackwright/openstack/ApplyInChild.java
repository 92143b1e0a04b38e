package dev.stackwright.openstack;

import dev.stackwright.engine.ApplyResult;
import dev.stackwright.engine.Engine;
import dev.stackwright.engine.ExecutionListener;
import dev.stackwright.engine.Step;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The process {@link CrashIT} kills: applies the seed on a given network through a given proxy, printing a line as
 * each step starts and ends, exactly as an in-process apply would (same renderer, same key).
 *
 * <pre>java -cp ... dev.stackwright.openstack.ApplyInChild CLUSTER NETWORK PROXY_URI PUBLIC_KEY \
 *     [EXTERNAL_NETWORK]</pre>
 *
 * <p>With EXTERNAL_NETWORK, the seed's webserver and controller get floating IPs from it.
 */
public final class ApplyInChild {
  private ApplyInChild() {}

  public static void main(String[] args) {
    if (args.length != 4 && args.length != 5) {
      System.err.println("usage: ApplyInChild CLUSTER NETWORK PROXY_URI PUBLIC_KEY [EXTERNAL_NETWORK]");
      System.exit(2);
    }
    OpenStackBackend cloud = OpenStackBackend.builder().credentials(RealCloud.credentials())
        .proxy(URI.create(args[2])).build();
    Engine engine = SeedOnOwnNetwork.engine(cloud, args[3]).listener(new ExecutionListener() {
          @Override
          public void started(Step step) {
            System.out.println("started " + step);
          }

          @Override
          public void finished(Step step, Duration elapsed) {
            System.out.println("finished " + step);
          }

          @Override
          public void failed(Step step, Duration elapsed, Exception error) {
            System.out.println("failed " + step + ": " + error.getMessage());
          }
        }).build();
    ApplyResult result = engine.apply(SeedOnOwnNetwork.seed(args[0], args[1],
        args.length == 5 ? Optional.of(args[4]) : Optional.empty()));
    System.out.println(result.summary());
    System.exit(result.succeeded() ? 0 : 1);
  }
}
