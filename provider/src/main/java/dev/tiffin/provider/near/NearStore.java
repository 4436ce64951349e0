package dev.tiffin.provider.near;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.tiffin.config.NearSettings;
import dev.tiffin.provider.store.FailuresAsMisses;
import dev.tiffin.provider.store.ForwardingStore;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A cache's near tier: the store's entries kept in this JVM's memory (Caffeine, bounded in size and
 * age) in front of the store, as the stored bytes, so every read still decodes a fresh copy.
 *
 * <p>Coherence: every write through this store drops the key here and is announced on the store's
 * {@link InvalidationBus} (by an {@link AnnouncingStore} below); what the bus delivers from other members drops keys too. While the bus
 * cannot promise delivery (not yet subscribed, disconnected) the near tier serves nothing and keeps
 * nothing. A read racing an invalidation never puts the older value back: a read notes the key's
 * version (one of 1,024 striped counters every invalidation bumps) before asking the store, and keeps
 * what it read only if the version has not moved. An entry this tier thinks expired is read again from
 * the store, which may have extended it.
 *
 * <p>A put or compare-and-set made here keeps the value it wrote (when its expiry time is known and
 * no invalidation of its stripe came in while it wrote), so the writer's next read is a hit. Such
 * writes to one key take turns in this JVM (one lock per stripe of keys): two racing writers could
 * otherwise keep their values in the opposite order to the one the store applied them in. A write
 * that fails is told of all the same: it may have been applied.
 */
public final class NearStore extends ForwardingStore implements InvalidationBus.Listener, FailuresAsMisses.LastKnown {

  private static final long UNKNOWN = Long.MIN_VALUE;

  private final LongSupplier clock;
  private final long maxAgeMillis;
  private final Cache<ByteBuffer, NearEntry> near;
  private final KeyStripes stripes = new KeyStripes();
  private final AtomicLong epoch = new AtomicLong();
  private final InvalidationBus.Membership membership;
  /** Where every read that misses and every write goes: the store, through the announcer and any layer over it. */
  private final ByteStore below;

  /**
   * A near tier over {@code store}, a member of {@code channel} on {@code bus}; {@code writePath} is laid
   * over the layer announcing its writes, so a write is announced once it reaches the store.
   */
  public NearStore(ByteStore store, NearSettings settings, LongSupplier clock, InvalidationBus bus, String channel,
      WritePath writePath) {
    super(store);
    this.clock = clock;
    this.maxAgeMillis = settings.maxAge().toMillis();
    // Evicted entries are marked at once (no reference elsewhere outlives them), at max age even if nobody reads.
    this.near = Caffeine.newBuilder().maximumSize(settings.maxEntries()).expireAfterWrite(settings.maxAge())
        .scheduler(Scheduler.systemScheduler()).executor(Runnable::run)
        .<ByteBuffer, NearEntry>evictionListener((key, entry, cause) -> entry.drop()).build();
    this.membership = bus.join(channel, this);
    this.below = writePath.over(new AnnouncingStore(store, membership), this::forget);
  }

  /** The entry this tier would serve for {@code key} now, or {@code null}. */
  public NearEntry peek(byte[] key) {
    NearEntry held = near.getIfPresent(ByteBuffer.wrap(key));
    return held != null && serves(held) ? held : null;
  }

  /**
   * The copy held of {@code key} when no invalidation since has dropped it and its expiry is not up,
   * even while the bus is offline: for answering a read the store failed, by choice.
   */
  @Override
  public StoredEntry lastKnown(byte[] key) {
    NearEntry held = near.getIfPresent(ByteBuffer.wrap(key));
    return held != null && held.isCurrent(epoch.get()) && !held.stored().isExpiredAt(clock.getAsLong())
        ? held.stored() : null;
  }

  @Override
  public void forget(byte[] key) {
    drop(key);
  }

  /**
   * Whether this tier would still serve {@code entry} now. An entry the store keeps forever is not
   * timed here: the tier drops it when its maximum age is up, within the scheduler's second.
   */
  public boolean serves(NearEntry entry) {
    return entry.isCurrent(epoch.get()) && membership.isOnline()
        && (entry.isEternal() || entry.servableAt(clock.getAsLong()));
  }

  @Override
  public StoredEntry get(byte[] key) {
    if (!membership.isOnline()) {
      return below.get(key);
    }
    ByteBuffer wrapped = ByteBuffer.wrap(key);
    NearEntry held = near.getIfPresent(wrapped);
    if (held != null && serves(held)) {
      return held.stored();
    }
    int stripe = KeyStripes.of(key);
    long version = stripes.version(stripe);
    StoredEntry read = below.get(key);
    keep(wrapped, stripe, version, read);
    return read;
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    if (!membership.isOnline()) {
      return below.getAll(keys);
    }
    List<StoredEntry> found = new ArrayList<>(keys.size());
    List<byte[]> missing = new ArrayList<>();
    List<Long> noted = new ArrayList<>();
    for (byte[] key : keys) {
      NearEntry held = near.getIfPresent(ByteBuffer.wrap(key));
      boolean usable = held != null && serves(held);
      found.add(usable ? held.stored() : null);
      if (!usable) {
        missing.add(key);
        noted.add(stripes.version(KeyStripes.of(key)));
      }
    }
    List<StoredEntry> read = missing.isEmpty() ? List.of() : below.getAll(missing);
    for (int i = 0, m = 0; m < read.size(); i++) {
      if (found.get(i) == null) {
        keep(ByteBuffer.wrap(missing.get(m)), KeyStripes.of(missing.get(m)), noted.get(m), read.get(m));
        found.set(i, read.get(m++));
      }
    }
    return found;
  }

  /** Keeps what a read or write found, unless an invalidation of its stripe came in since it began. */
  private void keep(ByteBuffer key, int stripe, long version, StoredEntry read) {
    long now = clock.getAsLong();
    if (read == null || read.isExpiredAt(now)) {
      return;
    }
    // The epoch is read before the checks: a flush in between leaves the entry unservable.
    long keptEpoch = epoch.get();
    NearEntry kept = new NearEntry(key.array(), read, Math.min(read.expiresAt(), now + maxAgeMillis), keptEpoch);
    near.asMap().compute(key, (k, old) -> {
      if (stripes.version(stripe) != version || !membership.isOnline()) {
        return old;
      }
      if (old != null) {
        old.drop();
      }
      return kept;
    });
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    int stripe = KeyStripes.of(key);
    ReentrantLock turn = stripes.turn(stripe);
    turn.lock();
    try {
      NearEntry before = peek(key);
      long version = stripes.version(stripe);
      below.put(key, value, expiresAtIfCreated, expiresAtIfUpdated);
      // The store chose between the two expiry times; only an entry held here says which it chose.
      long expiresAt = before != null
          ? (expiresAtIfUpdated == KEEP_EXPIRY ? before.stored().expiresAt() : expiresAtIfUpdated)
          : expiresAtIfCreated == expiresAtIfUpdated ? expiresAtIfCreated : UNKNOWN;
      keepWritten(key, stripe, version, value, expiresAt);
    } catch (RuntimeException e) {
      // A write that failed may have been applied all the same: the copy goes (and was announced).
      drop(key);
      throw e;
    } finally {
      turn.unlock();
    }
  }

  @Override
  public boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    int stripe = KeyStripes.of(key);
    ReentrantLock turn = stripes.turn(stripe);
    boolean swapped;
    turn.lock();
    try {
      long version = stripes.version(stripe);
      swapped = below.compareAndSet(key, expected, value, expiresAt);
      // Losing means our copy may be old: dropped here (and nobody else was told).
      keepWritten(key, stripe, version, value, swapped && value != null ? expiresAt : UNKNOWN);
    } catch (RuntimeException e) {
      drop(key);
      throw e;
    } finally {
      turn.unlock();
    }
    return swapped;
  }

  /**
   * After a write that began at stripe version {@code before}: drops the key (so a read that began
   * before the write keeps nothing), then keeps what was written when its expiry is known and no
   * invalidation came in since the write began — it may be of a newer write elsewhere.
   */
  private void keepWritten(byte[] key, int stripe, long before, byte[] value, long expiresAt) {
    // One atomic step tells whether anything was invalidated meanwhile and moves the version on.
    boolean undisturbed = stripes.moveOnFrom(stripe, before);
    long version = undisturbed ? before + 1 : stripes.moveOn(stripe);
    release(ByteBuffer.wrap(key));
    if (undisturbed && expiresAt != UNKNOWN && expiresAt != KEEP_EXPIRY) {
      keep(ByteBuffer.wrap(key), stripe, version, new StoredEntry(value, expiresAt));
    }
  }

  /** A read that moves the expiry: a failed one keeps the copy, for failures-as-misses to answer with. */
  @Override
  public StoredEntry getAndTouch(byte[] key, long expiresAt, long now) {
    StoredEntry read = below.getAndTouch(key, expiresAt, now);
    drop(key);
    return read;
  }

  // The writes below drop the copy in a finally: one that failed may have been applied all the same.

  @Override
  public long increment(byte[] key, long delta, long expiresAtIfCreated) {
    try {
      return below.increment(key, delta, expiresAtIfCreated);
    } finally {
      drop(key);
    }
  }

  @Override
  public boolean touch(byte[] key, byte[] expected, long expiresAt) {
    try {
      return below.touch(key, expected, expiresAt);
    } finally {
      drop(key);
    }
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    try {
      below.putAll(keys, values, expiresAtIfCreated, expiresAtIfUpdated);
    } finally {
      keys.forEach(this::drop);
    }
  }

  @Override
  public long removeAll(List<byte[]> keys) {
    try {
      return below.removeAll(keys);
    } finally {
      keys.forEach(this::drop);
    }
  }

  @Override
  public long clear(byte[] prefix) {
    try {
      return below.clear(prefix);
    } finally {
      invalidateAll();
    }
  }

  /** Moves the key's stripe version on, then drops the key's entry; returns the new version. */
  private long drop(byte[] key) {
    long version = stripes.moveOn(KeyStripes.of(key));
    release(ByteBuffer.wrap(key));
    return version;
  }

  private void release(ByteBuffer key) {
    NearEntry held = near.asMap().remove(key);
    if (held != null) {
      held.drop();
    }
  }

  @Override
  public void invalidate(List<byte[]> keys) {
    keys.forEach(this::drop);
  }

  /**
   * What the store's change log reports, this JVM's own writes included: each copy is dropped unless
   * it equals what the store held once the key had changed. Reads begun before the change keep nothing.
   */
  @Override
  public void changedTo(List<byte[]> keys, List<StoredEntry> current) {
    for (int i = 0; i < keys.size(); i++) {
      byte[] key = keys.get(i);
      StoredEntry now = current.get(i);
      stripes.moveOn(KeyStripes.of(key));
      // Decided on the key's own lock: a read's keep that passed its version check is done first.
      near.asMap().computeIfPresent(ByteBuffer.wrap(key), (k, held) -> {
        if (held.holds(now)) {
          return held;
        }
        held.drop();
        return null;
      });
    }
  }

  @Override
  public void invalidateAll() {
    // Stripes first: a keep that sees the new epoch then fails its version check, so none outlives the flush.
    stripes.moveAllOn();
    epoch.incrementAndGet();
    // Marked like evicted entries, so whatever points at them (the key index) lets go of them too.
    near.asMap().values().removeIf(entry -> {
      entry.drop();
      return true;
    });
  }

  /** How many entries the near tier holds now. */
  public long size() {
    return near.estimatedSize();
  }

  @Override
  public ScanPage scan(byte[] prefix, byte[] cursor, int limit) {
    return below.scan(prefix, cursor, limit);
  }

  @Override
  public void flush() {
    below.flush();
  }

  /** Leaves the bus; the store itself is the registry's to close. */
  @Override
  public void close() {
    below.close();
    invalidateAll();
  }
}
