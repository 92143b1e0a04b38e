package dev.stackwright.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ModelScaleBenchmark} at 100, 1,000 and 10,000 nodes, each in a forked JVM limited to a 512 MB heap, with
 * JMH's GC profiler for the bytes allocated per operation; writes target/benchmarks/model-scale.json (JMH's own) and
 * model-scale.tsv. Not part of the test suite (its name matches none of surefire's includes); run it with:
 *
 * <pre>mvn -B -pl core -am verify -Dtest=ModelScaleBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>{@code -Dbench.n=10000}, {@code -Dbench.heap=256m}, {@code -Dbench.forks=2}, {@code -Dbench.warmups=5} and
 * {@code -Dbench.iterations=10} change the sizes, the heap limit, the forks and the iterations of 2 s;
 * {@code -Dbench.jvmArgs=...} adds options to the forks, such as
 * {@code -XX:StartFlightRecording=filename=target/benchmarks/scale.jfr} for a profile. A fork that runs out of heap
 * fails the run.
 */
class ModelScaleBench {
  private static final Path OUT = Path.of("target", "benchmarks");

  /** The fork's options: the heap limit, and what {@code -Dbench.jvmArgs} adds. */
  private static String[] jvmArgs(String heap) {
    List<String> args = new ArrayList<>(List.of("-Xmx" + heap, "-Xms" + heap));
    String extra = System.getProperty("bench.jvmArgs", "").strip();
    if (!extra.isEmpty()) {
      args.addAll(List.of(extra.split("\\s+")));
    }
    return args.toArray(String[]::new);
  }

  @Test
  void buildValidatePlanRenderAtOneHundredToTenThousandNodes() throws RunnerException, IOException {
    Files.createDirectories(OUT);
    String heap = System.getProperty("bench.heap", "512m");
    Path json = OUT.resolve("model-scale.json");
    Options options = new OptionsBuilder()
        .include(ModelScaleBenchmark.class.getName() + "\\.")
        .param("n", System.getProperty("bench.n", "100,1000,10000").split(","))
        .forks(Integer.getInteger("bench.forks", 1))
        .jvmArgs(jvmArgs(heap))
        .warmupIterations(Integer.getInteger("bench.warmups", 3))
        .warmupTime(TimeValue.seconds(2))
        .measurementIterations(Integer.getInteger("bench.iterations", 5))
        .measurementTime(TimeValue.seconds(2))
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString())
        .build();
    Collection<RunResult> results = new Runner(options).run();
    List<String> rows = new ArrayList<>();
    rows.add("n\tms_per_op\tms_error\tmb_allocated_per_op\tgc_count\theap_limit");
    for (RunResult r : results) {
      Result<?> time = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      Result<?> gcs = r.getSecondaryResults().get("gc.count");
      rows.add(String.format(Locale.ROOT, "%s\t%.1f\t%.1f\t%.1f\t%.0f\t%s", r.getParams().getParam("n"),
          time.getScore(), time.getScoreError(), alloc == null ? Double.NaN : alloc.getScore() / (1 << 20),
          gcs == null ? Double.NaN : gcs.getScore(), heap));
    }
    Files.write(OUT.resolve("model-scale.tsv"), rows);
    System.out.println(String.join("\n", rows));
  }
}
