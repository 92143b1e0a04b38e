package dev.stackwright.examples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ValidatorsTest {
  @Test
  void aMissingValidatorFailsUnderCi() {
    assertThatThrownBy(() -> Validators.missing("validator missing: nginx (Debian package nginx)", true))
        .isInstanceOf(AssertionError.class).isNotInstanceOf(TestAbortedException.class).hasMessageContaining("Debian package nginx")
        .hasMessageContaining("never a skip");
  }

  @Test
  void aMissingValidatorIsSkippedElsewhereWithThePackageToInstall() {
    assertThatThrownBy(() -> Validators.missing("validator missing: nginx (Debian package nginx)", false))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("Debian package nginx");
  }
}
