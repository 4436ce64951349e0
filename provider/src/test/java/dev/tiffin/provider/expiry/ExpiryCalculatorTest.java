package dev.tiffin.provider.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.provider.time.FakeTime;
import dev.tiffin.spi.StoredEntry;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;

/** Expiry times from policies, at a random epoch. */
class ExpiryCalculatorTest {

  private final FakeTime time = new FakeTime();

  @Test
  void createdPolicyGivesAnAbsoluteCreationTimeAndLeavesUpdatesAndReadsAlone() {
    ExpiryCalculator expiry = new ExpiryCalculator(new CreatedExpiryPolicy(new Duration(TimeUnit.SECONDS, 30)), "c");
    long now = time.getAsLong();
    assertEquals(now + 30_000, expiry.forCreation(now));
    assertEquals(ExpiryCalculator.UNCHANGED, expiry.forUpdate(now));
    assertEquals(ExpiryCalculator.UNCHANGED, expiry.forAccess(now));
    assertTrue(expiry.isSideEffectFree());
    assertEquals(now + 30_000, expiry.forBlindPut(now).orElseThrow().ifCreated());
  }

  @Test
  void aZeroDurationExpiresAtOnceAndBlindPutsStepAside() {
    ExpiryCalculator expiry = new ExpiryCalculator(new AccessedExpiryPolicy(Duration.ZERO), "c");
    long now = time.getAsLong();
    assertEquals(now, expiry.forAccess(now));
    assertEquals(now, expiry.forCreation(now), "the accessed policy also times creation");
    assertTrue(expiry.forBlindPut(now).isEmpty(), "an entry created expired takes the general path");
  }

  @Test
  void aThrowingPolicyMakesNewEntriesEternalAndKeepsExistingExpiry() {
    ExpiryCalculator expiry = new ExpiryCalculator(new Throwing(), "c");
    long now = time.getAsLong();
    assertEquals(StoredEntry.ETERNAL, expiry.forCreation(now));
    assertEquals(ExpiryCalculator.UNCHANGED, expiry.forUpdate(now));
    assertEquals(ExpiryCalculator.UNCHANGED, expiry.forAccess(now));
    assertTrue(!expiry.isSideEffectFree() && expiry.forBlindPut(now).isEmpty(), "a custom policy takes the general path");
  }

  private static final class Throwing implements ExpiryPolicy {
    @Override
    public Duration getExpiryForCreation() {
      throw new IllegalStateException("creation");
    }

    @Override
    public Duration getExpiryForAccess() {
      throw new IllegalStateException("access");
    }

    @Override
    public Duration getExpiryForUpdate() {
      throw new IllegalStateException("update");
    }
  }
}
