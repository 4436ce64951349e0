package dev.tiffin.provider.entry;

import dev.tiffin.spi.CorruptValueException;
import dev.tiffin.spi.StoredEntry;
import java.util.function.Function;
import javax.cache.processor.MutableEntry;

/**
 * One key's entry as read from the store, and the change an operation decided on.
 *
 * <p>Every single-key operation runs through this type, entry processors included; the
 * {@link EntryEngine} then commits the decision with one compare-and-set, or reads again and
 * retries when another writer changed the entry in between.
 */
public final class EntryState<K, V> implements MutableEntry<K, V> {

  /** The {@link #fixedExpiry} of an entry whose expiry the cache's policy decides. */
  public static final long POLICY_DECIDES = Long.MIN_VALUE;

  private final K key;
  private final StoredEntry stored;
  private final long now;
  private final Function<byte[], V> decoder;
  private final Function<? super K, ? extends V> readThrough;
  private V current;
  private boolean decoded;
  private EntryOperation operation = EntryOperation.NONE;
  private V newValue;
  private boolean discarded;
  private long fixedExpiry = POLICY_DECIDES;

  /**
   * Creates the state of {@code key}.
   *
   * @param stored what the store holds, expired or not, or {@code null}
   * @param now the time the operation runs at
   * @param decoder turns stored bytes into a value
   * @param readThrough the loader {@link #getValue} consults on a miss, or {@code null}
   */
  public EntryState(K key, StoredEntry stored, long now, Function<byte[], V> decoder,
      Function<? super K, ? extends V> readThrough) {
    this.key = key;
    this.stored = stored;
    this.now = now;
    this.decoder = decoder;
    this.readThrough = readThrough;
  }

  /** What the store held when the operation began. */
  public StoredEntry stored() {
    return stored;
  }

  /** The time the operation runs at. */
  public long now() {
    return now;
  }

  /** Whether the store held an entry that had expired. */
  public boolean isExpired() {
    return stored != null && stored.isExpiredAt(now);
  }

  /** Whether a live, readable entry was there when the operation began. */
  public boolean wasLive() {
    return stored != null && !stored.isExpiredAt(now) && current() != null;
  }

  /** The value the operation began with, or {@code null}; an unreadable value counts as absent. */
  public V current() {
    if (!decoded) {
      decoded = true;
      current = stored == null ? null : decodeOrAbsent(stored.value(), decoder);
    }
    return current;
  }

  /**
   * Decodes a stored value; an unreadable or untrusted one reads as absent, never a crash (the
   * codec has counted and logged it).
   */
  public static <V> V decodeOrAbsent(byte[] bytes, Function<byte[], V> decoder) {
    try {
      return decoder.apply(bytes);
    } catch (CorruptValueException e) {
      return null;
    }
  }

  /** The operation decided on. */
  public EntryOperation operation() {
    return operation;
  }

  /** The value set or loaded, for CREATE, LOAD and UPDATE. */
  public V newValue() {
    return newValue;
  }

  /** Sets the expiry time the commit uses instead of asking the expiry policy. */
  public void fixExpiry(long expiresAt) {
    fixedExpiry = expiresAt;
  }

  /** The expiry time fixed by {@link #fixExpiry}, or {@link #POLICY_DECIDES}. */
  public long fixedExpiry() {
    return fixedExpiry;
  }

  /** Records that the new value was dropped because it was created already expired. */
  public void discard() {
    discarded = true;
  }

  /** Whether the new value was dropped instead of stored. */
  public boolean isDiscarded() {
    return discarded;
  }

  /** Sets a loaded value as a LOAD, which is not written through. */
  public void load(V value) {
    operation = EntryOperation.LOAD;
    newValue = value;
  }

  /** Marks the entry as read, so the access expiry applies. */
  public void access() {
    if (operation == EntryOperation.NONE && wasLive()) {
      operation = EntryOperation.ACCESS;
    }
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    switch (operation) {
      case CREATE, LOAD, UPDATE -> {
        return newValue;
      }
      case REMOVE -> {
        return null;
      }
      default -> {
        if (wasLive()) {
          access();
          return current();
        }
        if (readThrough != null) {
          V loaded = readThrough.apply(key);
          if (loaded != null) {
            load(loaded);
          }
          return loaded;
        }
        return null;
      }
    }
  }

  @Override
  public boolean exists() {
    return switch (operation) {
      case CREATE, LOAD, UPDATE -> true;
      case REMOVE -> false;
      default -> wasLive();
    };
  }

  @Override
  public void remove() {
    // Removing a value this operation created (there was no live entry) leaves nothing to do.
    operation = operation == EntryOperation.CREATE || operation == EntryOperation.LOAD
        ? EntryOperation.NONE : EntryOperation.REMOVE;
    newValue = null;
  }

  @Override
  public void setValue(V value) {
    if (value == null) {
      throw new NullPointerException("An entry's value cannot be set to null; use remove()");
    }
    operation = wasLive() ? EntryOperation.UPDATE : EntryOperation.CREATE;
    newValue = value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A mutable entry cannot be unwrapped to " + clazz.getName());
  }
}
