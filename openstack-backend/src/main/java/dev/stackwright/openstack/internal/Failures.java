package dev.stackwright.openstack.internal;

import dev.stackwright.StackwrightException;
import dev.stackwright.spi.BackendException;
import dev.stackwright.spi.BackendException.Reason;
import dev.stackwright.spi.ResourceId;
import java.util.function.Supplier;

/** Turns what the OpenStack calls throw into the engine's {@link BackendException}, keeping status and request id. */
final class Failures {
  private Failures() {}

  static <T> T translated(ResourceId id, Supplier<T> call) {
    try {
      return call.get();
    } catch (BackendException e) {
      if (id == null || e.resource().isPresent() || e.status().isPresent()) {
        throw e;
      }
      throw new BackendException(e.reason(), id, e.getMessage(), null, null, e);
    } catch (ServerFailedException e) {
      throw new BackendException(e.noHost() ? Reason.NO_HOST : Reason.SERVER_FAILED, id, e.getMessage(), null,
          null, e);
    } catch (CloudFailure e) {
      throw new BackendException(reason(e), id, e.getMessage(), e.status() == 0 ? null : e.status(),
          e.requestId().orElse(null), e);
    } catch (StackwrightException e) {
      throw new BackendException(Reason.REFUSED, id, String.valueOf(e.getMessage()), null, null, e);
    }
  }

  /** What {@link #translated} would throw for {@code failure}, for a failure reported rather than thrown. */
  static RuntimeException translate(ResourceId id, RuntimeException failure) {
    try {
      return translated(id, () -> {
        throw failure;
      });
    } catch (RuntimeException e) {
      return e;
    }
  }

  static void translated(ResourceId id, Runnable call) {
    translated(id, () -> {
      call.run();
      return null;
    });
  }

  private static Reason reason(CloudFailure e) {
    String m = String.valueOf(e.getMessage());
    int s = e.status();
    if (m.contains("OverQuota") || m.contains("Quota exceeded") || m.contains("quota")) {
      return Reason.QUOTA;
    }
    if (s == 0 || s == 429 || s >= 500) {
      return Reason.TRANSIENT;
    }
    if (s == 409) {
      return Reason.CONFLICT;
    }
    if (s == 404) { // names the model gives are looked up first (Lookups): a 404 is one of ours, gone since
      return Reason.GONE;
    }
    return Reason.REFUSED;
  }
}
