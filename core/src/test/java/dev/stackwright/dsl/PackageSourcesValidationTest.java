package dev.stackwright.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Problem;
import dev.stackwright.model.AptSource;
import dev.stackwright.model.Cluster;
import dev.stackwright.model.PackageSources;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package sources: URLs apt, curl and pip take as they are, apt lines of the form apt reads. */
class PackageSourcesValidationTest {

  @Test
  void aClusterThatSaysNothingUsesThePublicSources() {
    // when
    Cluster c = ValidationTest.valid(x -> {}).build();

    // then
    assertThat(c.packageSources()).isEqualTo(PackageSources.defaults());
    assertThat(c.packageSources().debianMirror()).isEmpty();
    assertThat(c.packageSources().couchdbRepository().line())
        .isEqualTo("https://apache.jfrog.io/artifactory/couchdb-deb/ bookworm main");
    assertThat(c.packageSources().pythonIndex()).isEqualTo("https://pypi.org/simple");
  }

  @Test
  void aFlatUnsignedMirrorASignedMirrorACouchdbRepositoryAndAnIndexBecomeTheModel() {
    // when
    Cluster c = ValidationTest.valid(x -> x.packageSources().unsignedDebianMirror("http://10.0.255.254/debian ./")
        .debianMirror("https://deb.example.org/debian-security bookworm-security main contrib")
        .unsignedCouchdbRepository("http://10.0.255.254/couchdb ./").pythonIndex("http://10.0.255.254/simple"))
        .build();

    // then
    List<AptSource> mirror = c.packageSources().debianMirror();
    assertThat(mirror).extracting(AptSource::uri, AptSource::suite, AptSource::unsigned, AptSource::flat)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("http://10.0.255.254/debian", "./", true, true),
            org.assertj.core.groups.Tuple.tuple("https://deb.example.org/debian-security", "bookworm-security",
                false, false));
    assertThat(mirror.get(1).components()).containsExactly("main", "contrib");
    assertThat(c.packageSources().couchdbRepository().unsigned()).isTrue();
    assertThat(c.packageSources().couchdbRepository().keyUrl()).isEmpty();
    assertThat(ClusterDsl.validate(c)).isSameAs(c);
  }

  @Test
  void everyBadSourceIsReportedAtOnceWithItsPathAndFix() {
    // when
    List<Problem> problems = ValidationTest.problems(x -> x.packageSources()
        .debianMirror("ftp://deb.example.org/debian bookworm main")
        .debianMirror("http://deb.example.org/debian")
        .debianMirror("http://deb.example.org/debian bookworm")
        .unsignedDebianMirror("http://10.0.255.254/debian ./ main")
        .debianMirror("http://deb.example.org/debian bookworm --option")
        .couchdbRepository("https://deb.example.org/couchdb bookworm main", null)
        .pythonIndex("https://user@pypi.example.org/simple"));

    // then
    assertThat(problems).extracting(Problem::path).containsExactly("packageSources.debianMirror[0]",
        "packageSources.debianMirror[1]", "packageSources.debianMirror[2]", "packageSources.debianMirror[3]",
        "packageSources.debianMirror[4]", "packageSources.couchdbRepository.keyUrl", "packageSources.pythonIndex");
    assertThat(problems.get(0).toString()).contains("\"ftp://deb.example.org/debian\"", "http or https URL",
        "fix: write it like");
    assertThat(problems.get(1).message()).contains("needs a suite");
    assertThat(problems.get(2).message()).contains("no component");
    assertThat(problems.get(3).message()).contains("flat repository", "refuses components");
    assertThat(problems.get(4).message()).contains("\"--option\"");
    assertThat(problems.get(5).fix()).contains("unsignedCouchdbRepository");
    assertThat(problems.get(6).value()).contains("https://user@pypi.example.org/simple");
  }

  @Test
  void aCharacterUnsafeInYamlOrShellIsRefused() {
    // when
    List<Problem> problems = ValidationTest.problems(x -> x.packageSources()
        .debianMirror("http://deb.example.org/debian bookworm main;reboot")
        .pythonIndex("https://pypi.example.org/$HOME"));

    // then
    assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("a semicolon"))
        .anySatisfy(m -> assertThat(m).contains("a dollar sign"));
  }

  @Test
  void aModelMadeWithTheBuilderHasItsSourcesCheckedAtTheGate() {
    // given
    Cluster valid = ValidationTest.valid(x -> {}).build();
    Cluster bad = Cluster.builder().from(valid).packageSources(PackageSources.builder()
        .pythonIndex("file:///etc/passwd").build()).build();

    // when
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ClusterDsl.validate(bad));

    // then
    assertThat(thrown).hasMessageContaining("[packageSources.pythonIndex] \"file:///etc/passwd\"");
  }
}
