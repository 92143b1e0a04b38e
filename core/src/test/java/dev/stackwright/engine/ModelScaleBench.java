package dev.stackwright.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Runs {@link ModelScaleBenchmark}: layout {@code seed} at 100 and 1,000 nodes (it cannot render 10,000: see the
 * benchmark), layout {@code compact} at 100, 1,000 and 10,000, each size in a forked JVM limited to a 512 MB heap, with
 * JMH's GC profiler for the bytes allocated per operation. Writes JMH's JSON to
 * target/benchmarks/model-scale-&lt;layout&gt;.json and a summary to target/benchmarks/model-scale.tsv. Not part of the
 * test suite (its name matches none of surefire's includes); run it with:
 *
 * <pre>mvn -B -pl core -am verify -Dtest=ModelScaleBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>{@code -Dbench.seed=100,1400} and {@code -Dbench.compact=10000} change the sizes (empty skips a layout),
 * {@code -Dbench.heap=256m}, {@code -Dbench.forks=2}, {@code -Dbench.warmups=5} and {@code -Dbench.iterations=10} the
 * heap limit, the forks and the iterations of 2 s; {@code -Dbench.jvmArgs=...} adds options to the forks, such as
 * {@code -XX:StartFlightRecording=filename=target/benchmarks/scale.jfr} for a profile; {@code
 * -Dbench.op=buildValidatePlanAsTheEngine} measures the plan as the engine makes it instead. A fork that fails (out of
 * heap, or a render refused) fails the run.
 */
class ModelScaleBench {
  private static final Path OUT = Path.of("target", "benchmarks");
  private static final String HEAP = System.getProperty("bench.heap", "512m");
  /** Which op: the renderer's plan, or {@code buildValidatePlanAsTheEngine} (the engine's, as the command line's). */
  private static final String OP = System.getProperty("bench.op", "buildValidatePlanRender");

  @Test
  void buildValidatePlanRenderAtOneHundredToTenThousandNodes() throws RunnerException, IOException {
    Files.createDirectories(OUT);
    List<String> rows = new ArrayList<>();
    rows.add("layout\tn\tms_per_op\tms_error\tmb_allocated_per_op\tgc_count\theap_limit");
    for (String layout : List.of("seed", "compact")) {
      String sizes = System.getProperty("bench." + layout, layout.equals("seed") ? "100,1000" : "100,1000,10000");
      if (!sizes.isBlank()) {
        rows.addAll(run(layout, sizes.split(",")));
        Files.write(OUT.resolve("model-scale.tsv"), rows);
      }
    }
    System.out.println(String.join("\n", rows));
  }

  private static List<String> run(String layout, String[] sizes) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(ModelScaleBenchmark.class.getName() + "\\." + OP)
        .param("layout", layout)
        .param("n", sizes)
        .forks(Integer.getInteger("bench.forks", 1))
        .jvmArgs(jvmArgs())
        .warmupIterations(Integer.getInteger("bench.warmups", 3))
        .warmupTime(TimeValue.seconds(2))
        .measurementIterations(Integer.getInteger("bench.iterations", 5))
        .measurementTime(TimeValue.seconds(2))
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON)
        .result(OUT.resolve("model-scale-" + layout + ".json").toString())
        .build();
    List<String> rows = new ArrayList<>();
    for (RunResult r : new Runner(options).run()) {
      Result<?> time = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      Result<?> gcs = r.getSecondaryResults().get("gc.count");
      rows.add(String.format(Locale.ROOT, "%s\t%s\t%.1f\t%.1f\t%.1f\t%.0f\t%s", layout, r.getParams().getParam("n"),
          time.getScore(), time.getScoreError(), alloc == null ? Double.NaN : alloc.getScore() / (1 << 20),
          gcs == null ? Double.NaN : gcs.getScore(), HEAP));
    }
    return rows;
  }

  /** The fork's options: the heap limit, and what {@code -Dbench.jvmArgs} adds. */
  private static String[] jvmArgs() {
    List<String> args = new ArrayList<>(List.of("-Xmx" + HEAP, "-Xms" + HEAP));
    String extra = System.getProperty("bench.jvmArgs", "").strip();
    if (!extra.isEmpty()) {
      args.addAll(List.of(extra.split("\\s+")));
    }
    return args.toArray(String[]::new);
  }
}
