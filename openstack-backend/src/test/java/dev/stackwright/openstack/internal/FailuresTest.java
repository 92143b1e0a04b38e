package dev.stackwright.openstack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.ResourceId;
import dev.stackwright.spi.ResourceKind;
import org.junit.jupiter.api.Test;

/** How a failure of the cloud is classified: whether applying again can fix it is decided by its reason. */
class FailuresTest {
  private static final ResourceId WORKER = ResourceId.of(ResourceKind.SERVER, "worker-4");

  @Test
  void aServerNoHostTookOnAnyBootFailsAsNoHost() {
    // given
    ServerFailedException noPlace = new ServerFailedException("server worker-4", "s-4",
        "500 No valid host was found. There are not enough hosts available. (boot 3 of 3; each found no place)", "");

    // then
    assertThatThrownBy(() -> Failures.translated(WORKER, () -> {
      throw noPlace;
    })).isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_HOST))
        .hasMessageContaining("lower the host kind's count").hasMessageNotContaining("The next apply replaces");
  }

  @Test
  void aServerThatFailedForAnotherReasonStaysServerFailed() {
    // given
    ServerFailedException broken = new ServerFailedException("server worker-4", "s-4", "500 disk full", "");

    // then
    assertThatThrownBy(() -> Failures.translated(WORKER, () -> {
      throw broken;
    })).isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SERVER_FAILED))
        .hasMessageContaining("The next apply replaces the server");
  }
}
