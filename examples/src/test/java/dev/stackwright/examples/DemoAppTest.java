package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.examples.Validators.Result;
import dev.stackwright.examples.Validators.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo app's own tests (examples/src/test/python), run by Debian's python3 with its Django and Celery. */
class DemoAppTest {
  private final Validators validators = new Validators();

  @Test
  void theDemoAppKeepsTaskResultsInCouchdbServesThemFromAnyAppServerAndShowsTheClusterAtItsFrontPage() {
    // given
    Validators.require(Tool.PYTHON3);
    Path root = Validators.repositoryRoot();
    Path app = root.resolve("examples/src/main/python/demo");
    Path tests = root.resolve("examples/src/test/python");
    Result imports = validators.run("python3 imports", "django, celery", List.of("/usr/bin/python3", "-c",
        "import django, celery"));
    if (!imports.ok()) {
      Validators.missing("Debian's python3 cannot import Django and Celery (Debian packages python3-django and "
          + "python3-celery): " + imports.output());
    }

    // when
    Result result = validators.run("demo app unittest", "examples/src/test/python", List.of("/usr/bin/python3",
        "-W", "ignore", "-m", "unittest", "discover", "-s", tests.toString(), "-t", tests.toString(), "-v"), app,
        Map.of("DJANGO_SETTINGS_MODULE", "demo.settings"), Duration.ofSeconds(120));

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output()).contains("Ran 16 tests", "OK");
  }

  @Test
  void theDemoAppCountsRequestsInTheRedisCacheWhenCacheUrlIsSetAndSaysSoWhenNot() {
    // given
    Validators.require(Tool.PYTHON3, Tool.REDIS_SERVER);
    Path root = Validators.repositoryRoot();
    Path app = root.resolve("examples/src/main/python/demo");
    Path tests = root.resolve("examples/src/test/python");
    Result imports = validators.run("python3 imports", "django, redis", List.of("/usr/bin/python3", "-c",
        "import django, redis"));
    if (!imports.ok()) {
      Validators.missing("Debian's python3 cannot import Django and redis-py (Debian packages python3-django and "
          + "python3-redis): " + imports.output());
    }

    // when
    Result result = validators.run("demo app cache unittest", "examples/src/test/python/cache_test.py", List.of(
        "/usr/bin/python3", "-W", "ignore", "-m", "unittest", "discover", "-s", tests.toString(), "-t",
        tests.toString(), "-p", "cache_test.py", "-v"), app, Map.of("DJANGO_SETTINGS_MODULE", "demo.settings",
        "REDIS_SERVER", Validators.path(Tool.REDIS_SERVER)), Duration.ofSeconds(120));

    // then
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output()).contains("Ran 4 tests", "OK");
  }
}
