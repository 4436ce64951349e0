package dev.tiffin.provider.entry;

import dev.tiffin.provider.event.EventBatch;
import dev.tiffin.provider.expiry.ExpiryCalculator;
import dev.tiffin.provider.integration.LoaderSupport;
import dev.tiffin.provider.integration.WriterSupport;
import dev.tiffin.provider.lock.KeyLocks;
import dev.tiffin.spi.CorruptValueException;
import dev.tiffin.spi.StoredEntry;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.event.EventType;

/**
 * Runs single-key operations against the store: read the entry, let the operation decide, then
 * commit the decision with one compare-and-set, retrying from a fresh read on conflict.
 *
 * <p>This is what keeps every conditional operation atomic across JVMs without locks: a decision
 * only lands if the entry still holds the bytes it was made on. Retries are bounded by
 * {@link Contention}. The loader runs at most once per operation, however often it retries. A write
 * that goes through to the {@code CacheWriter} first takes the key's write lock, so no other
 * write-through of that key runs in between; the writer is called again on a retry only when the
 * retried decision writes something else (another client changed the key without the lock).
 * The decision itself (an entry processor, say) may run again on a retry.
 */
public final class EntryEngine<K, V> {

  private final Cache<K, V> cache;
  private final CacheSpace space;
  private final ExpiryCalculator expiry;
  private final WriterSupport<K, V> writer;
  private final KeyLocks writeLocks;
  private final Contention contention;

  /**
   * Creates the engine of {@code cache}, the source its events name.
   *
   * @param writeLocks the locks a write-through takes, {@link KeyLocks#NONE} without a writer
   */
  public EntryEngine(Cache<K, V> cache, CacheSpace space, ExpiryCalculator expiry, WriterSupport<K, V> writer,
      KeyLocks writeLocks, Contention contention) {
    this.cache = cache;
    this.space = space;
    this.expiry = expiry;
    this.writer = writer;
    this.writeLocks = writeLocks;
    this.contention = contention;
  }

  /** Reads the state of {@code key} without changing anything. */
  public EntryState<K, V> read(K key) {
    byte[] storeKey = space.keys().encode(key);
    return state(key, storeKey, space.store().get(storeKey), null);
  }

  /** Wraps an entry read from {@code storeKey}, in bulk or alone; {@code readThrough} may be null. */
  public EntryState<K, V> state(K key, byte[] storeKey, StoredEntry stored, Function<? super K, ? extends V> readThrough) {
    return new EntryState<>(key, stored, space.now(), bytes -> decode(storeKey, bytes), readThrough);
  }

  /**
   * The state of a row found by a scan, or {@code null} when its key cannot be read or trusted
   * (the codec has counted and logged it).
   */
  @SuppressWarnings("unchecked")
  public EntryState<K, V> scanned(byte[] storeKey, StoredEntry stored) {
    try {
      return state((K) space.values().decodeKey(storeKey, stored.value()), storeKey, stored, null);
    } catch (CorruptValueException e) {
      return null;
    }
  }

  /**
   * Lets {@code decide} choose what to do with the entry, then commits it; returns the decision's
   * result with the state it was made on.
   *
   * @param writeThrough whether a write is passed on to the cache writer
   * @param readThrough the loader a miss consults, or {@code null}
   */
  public <R> Applied<K, V, R> apply(K key, EventBatch<K, V> events, boolean writeThrough,
      LoaderSupport<K, V> readThrough, Function<EntryState<K, V>, R> decide) {
    byte[] storeKey = space.keys().encode(key);
    Function<K, V> loader = readThrough == null ? null : new LoadOnce<>(readThrough);
    WriteOnce<K, V> writes = writeThrough ? new WriteOnce<>(writer) : null;
    try (KeyLocks.Held held = writeThrough ? writeLocks.lock(key, storeKey) : KeyLocks.Held.NOTHING) {
      Contention.Retries retries = null;
      while (true) {
        EntryState<K, V> state = state(key, storeKey, space.store().get(storeKey), loader);
        R result = decide.apply(state);
        if (commit(storeKey, state, events, writes)) {
          return new Applied<>(state, result);
        }
        retries = retries == null ? contention.start(key) : retries;
        retries.pause();
      }
    }
  }

  /** Commits a decision made on a state read in bulk, never writing through; returns false on conflict. */
  public boolean commit(EntryState<K, V> state, EventBatch<K, V> events) {
    return commit(space.keys().encode(state.getKey()), state, events, null);
  }

  private boolean commit(byte[] storeKey, EntryState<K, V> state, EventBatch<K, V> events, WriteOnce<K, V> writes) {
    StoredEntry stored = state.stored();
    byte[] expected = stored == null ? null : stored.value();
    long now = state.now();
    K key = state.getKey();
    switch (state.operation()) {
      case NONE -> {
        if (state.isExpired()) {
          space.store().compareAndSet(storeKey, expected, null, 0);
          expiredEvent(state, events);
        }
        return true;
      }
      case ACCESS -> {
        long expiresAt = expiryOr(state, expiry.forAccess(now));
        if (expiresAt != ExpiryCalculator.UNCHANGED) {
          space.store().touch(storeKey, expected, expiresAt);
        }
        return true;
      }
      case CREATE, LOAD -> {
        V value = state.newValue();
        if (writes != null && state.operation() == EntryOperation.CREATE) {
          writes.write(key, value);
        }
        long expiresAt = expiryOr(state, expiry.forCreation(now));
        if (expiresAt <= now) {
          // Created already expired: the spec's answer is an entry that is never stored.
          if (stored != null) {
            space.store().compareAndSet(storeKey, expected, null, 0);
          }
          expiredEvent(state, events);
          state.discard();
          return true;
        }
        if (!space.store().compareAndSet(storeKey, expected, space.values().encode(storeKey, value), expiresAt)) {
          return false;
        }
        expiredEvent(state, events);
        events.add(cache, EventType.CREATED, key, value, null);
        return true;
      }
      case UPDATE -> {
        V value = state.newValue();
        if (writes != null) {
          writes.write(key, value);
        }
        // UNCHANGED is the store's KEEP_EXPIRY: the store keeps the entry's current expiry.
        long expiresAt = expiryOr(state, expiry.forUpdate(now));
        if (!space.store().compareAndSet(storeKey, expected, space.values().encode(storeKey, value), expiresAt)) {
          return false;
        }
        events.add(cache, EventType.UPDATED, key, value, state.current());
        return true;
      }
      case REMOVE -> {
        if (writes != null) {
          writes.delete(key);
        }
        if (stored == null) {
          return true;
        }
        if (!space.store().compareAndSet(storeKey, expected, null, 0)) {
          return false;
        }
        if (state.wasLive()) {
          events.add(cache, EventType.REMOVED, key, state.current(), state.current());
        } else {
          expiredEvent(state, events);
        }
        return true;
      }
      default -> throw new IllegalStateException("unknown operation " + state.operation());
    }
  }

  private static long expiryOr(EntryState<?, ?> state, long fromPolicy) {
    return state.fixedExpiry() == EntryState.POLICY_DECIDES ? fromPolicy : state.fixedExpiry();
  }

  private void expiredEvent(EntryState<K, V> state, EventBatch<K, V> events) {
    if (state.isExpired() && events.isRecording()) {
      V old = state.current();
      if (old != null) {
        events.add(cache, EventType.EXPIRED, state.getKey(), old, old);
      }
    }
  }

  /** Decodes a value read from {@code storeKey}, reading an unreadable one as absent. */
  public V decodeOrAbsent(byte[] storeKey, byte[] bytes) {
    return EntryState.decodeOrAbsent(bytes, stored -> decode(storeKey, stored));
  }

  @SuppressWarnings("unchecked")
  private V decode(byte[] storeKey, byte[] bytes) {
    return (V) space.values().decode(storeKey, bytes);
  }

  /** A committed decision: the state it was made on and what the operation returns. */
  public record Applied<K, V, R>(EntryState<K, V> state, R result) {
  }

  /** One operation's loader: however often the operation retries, the key is loaded once. */
  private static final class LoadOnce<K, V> implements Function<K, V> {
    private final LoaderSupport<K, V> loader;
    private boolean loaded;
    private V value;

    LoadOnce(LoaderSupport<K, V> loader) {
      this.loader = loader;
    }

    @Override
    public V apply(K key) {
      if (!loaded) {
        value = loader.load(key);
        loaded = true;
      }
      return value;
    }
  }

  /** One operation's writes through: a retry that writes the same thing again does not call the writer again. */
  private static final class WriteOnce<K, V> {
    private static final Object DELETED = new Object();
    private final WriterSupport<K, V> writer;
    private Object lastWritten;

    WriteOnce(WriterSupport<K, V> writer) {
      this.writer = writer;
    }

    void write(K key, V value) {
      if (lastWritten != value) {
        writer.write(new SimpleEntry<>(key, value));
        lastWritten = value;
      }
    }

    void delete(K key) {
      if (lastWritten != DELETED) {
        writer.delete(key);
        lastWritten = DELETED;
      }
    }
  }
}
