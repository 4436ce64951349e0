package dev.tiffin.provider.expiry;

import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * Turns a cache's {@link ExpiryPolicy} into absolute expiry times, calling the policy exactly once
 * per operation the specification names and never remembering its answers.
 *
 * <p>A policy that throws is treated as the specification's reference implementation does: a new
 * entry becomes eternal, an existing one keeps its expiry. The failure is logged once per cache,
 * since the operation itself succeeds and nothing else would show it.
 */
public final class ExpiryCalculator {

  /** Returned by {@link #forUpdate} and {@link #forAccess} when the expiry time stays as it is. */
  public static final long UNCHANGED = ByteStore.KEEP_EXPIRY;

  private static final Set<Class<?>> SIDE_EFFECT_FREE = Set.of(EternalExpiryPolicy.class,
      CreatedExpiryPolicy.class, AccessedExpiryPolicy.class, ModifiedExpiryPolicy.class, TouchedExpiryPolicy.class);

  private static final System.Logger LOG = System.getLogger(ExpiryCalculator.class.getName());

  private final ExpiryPolicy policy;
  private final String cacheName;
  private final boolean sideEffectFree;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  /** Wraps the policy cache {@code cacheName} was configured with. */
  public ExpiryCalculator(ExpiryPolicy policy, String cacheName) {
    this.policy = policy;
    this.cacheName = cacheName;
    this.sideEffectFree = SIDE_EFFECT_FREE.contains(policy.getClass());
  }

  /**
   * Whether asking the policy a question nobody needs the answer to is harmless; true only for
   * the standard policies, whose answers are fixed. It lets a plain put ask for both the creation
   * and the update expiry up front and stay a single round trip to the store.
   */
  public boolean isSideEffectFree() {
    return sideEffectFree;
  }

  /** Whether reading an entry never changes its expiry: a standard policy with no access expiry. */
  public boolean isReadOnlyOnAccess() {
    return sideEffectFree && policy.getExpiryForAccess() == null;
  }

  /**
   * Both expiry times of a put at {@code now}, asked up front so the store can choose between them
   * in one round trip; empty unless the policy is side-effect free and neither time has already
   * passed (an entry created or updated already expired takes the general path).
   */
  public Optional<PutExpiry> forBlindPut(long now) {
    if (!sideEffectFree) {
      return Optional.empty();
    }
    long created = forCreation(now);
    long updated = forUpdate(now);
    if (created <= now || (updated != UNCHANGED && updated <= now)) {
      return Optional.empty();
    }
    return Optional.of(new PutExpiry(created, updated));
  }

  /**
   * The expiry times a blind put hands the store.
   *
   * @param ifCreated the expiry time if no live entry was there
   * @param ifUpdated the expiry time if one was, or {@link #UNCHANGED}
   */
  public record PutExpiry(long ifCreated, long ifUpdated) {
  }

  /** The expiry time of an entry created at {@code now}. */
  public long forCreation(long now) {
    Duration duration;
    try {
      duration = policy.getExpiryForCreation();
    } catch (RuntimeException e) {
      failed("getExpiryForCreation", "the new entry is eternal", e);
      duration = Duration.ETERNAL;
    }
    return absolute(duration == null ? Duration.ETERNAL : duration, now);
  }

  /** The new expiry time of an entry updated at {@code now}, or {@link #UNCHANGED}. */
  public long forUpdate(long now) {
    try {
      Duration duration = policy.getExpiryForUpdate();
      return duration == null ? UNCHANGED : absolute(duration, now);
    } catch (RuntimeException e) {
      failed("getExpiryForUpdate", "the entry keeps its expiry", e);
      return UNCHANGED;
    }
  }

  /** The new expiry time of an entry read at {@code now}, or {@link #UNCHANGED}. */
  public long forAccess(long now) {
    try {
      Duration duration = policy.getExpiryForAccess();
      return duration == null ? UNCHANGED : absolute(duration, now);
    } catch (RuntimeException e) {
      failed("getExpiryForAccess", "the entry keeps its expiry", e);
      return UNCHANGED;
    }
  }

  private void failed(String method, String outcome, RuntimeException e) {
    if (failureLogged.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "ExpiryPolicy " + policy.getClass().getName() + " of cache " + cacheName
          + " threw from " + method + "; as the specification asks, the operation goes on and " + outcome
          + ". Logged once for this cache.", e);
    }
  }

  /** The policy itself, for closing it with the cache. */
  public ExpiryPolicy policy() {
    return policy;
  }

  private static long absolute(Duration duration, long now) {
    if (duration.isEternal()) {
      return StoredEntry.ETERNAL;
    }
    if (duration.isZero()) {
      return now;
    }
    long adjusted = duration.getAdjustedTime(now);
    return adjusted <= now ? now : adjusted;
  }
}
