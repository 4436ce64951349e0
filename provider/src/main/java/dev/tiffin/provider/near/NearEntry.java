package dev.tiffin.provider.near;

import dev.tiffin.spi.StoredEntry;
import java.util.Arrays;

/**
 * One entry a near tier holds: the stored bytes, the store key they belong to, until when the tier
 * may serve them, and (once a reader decoded them into an immutable value) that value.
 *
 * <p>An entry is marked dropped when its tier lets go of it for any reason (an invalidation, a newer
 * read, eviction), so whoever still holds a reference to it — the cache's key-object index — stops
 * serving it at the same moment the tier does.
 */
public final class NearEntry {

  private final byte[] key;
  private final StoredEntry stored;
  private final long servableUntil;
  private final long epoch;
  private volatile boolean dropped;
  private volatile Object decoded;
  private volatile Runnable onDrop;

  NearEntry(byte[] key, StoredEntry stored, long servableUntil, long epoch) {
    this.key = key;
    this.stored = stored;
    this.servableUntil = servableUntil;
    this.epoch = epoch;
  }

  /** The store key. */
  public byte[] key() {
    return key;
  }

  /** The entry as the store holds it. */
  public StoredEntry stored() {
    return stored;
  }

  /** The immutable value these bytes decode to, once a reader remembered it; else {@code null}. */
  public Object decoded() {
    return decoded;
  }

  /** Remembers the immutable value these bytes decode to, so later hits skip decoding. */
  public void remember(Object value) {
    decoded = value;
  }

  /**
   * Runs {@code action} once this entry is dropped (at once if it already was): how an index that
   * points at the entry learns to let go of it.
   */
  public void onDrop(Runnable action) {
    onDrop = action;
    if (dropped) {
      action.run();
    }
  }

  /** Whether the tier still holds this entry and no flush came since it was kept. */
  boolean isCurrent(long currentEpoch) {
    return !dropped && epoch == currentEpoch;
  }

  /** Whether this entry's bytes and expiry are exactly {@code current}'s. */
  boolean holds(StoredEntry current) {
    return current != null && current.expiresAt() == stored.expiresAt() && Arrays.equals(current.value(), stored.value());
  }

  /** Whether only the tier's maximum age limits this entry (the store keeps it forever). */
  boolean isEternal() {
    return stored.expiresAt() == StoredEntry.ETERNAL;
  }

  boolean servableAt(long now) {
    return now < servableUntil;
  }

  void drop() {
    dropped = true;
    Runnable action = onDrop;
    if (action != null) {
      action.run();
    }
  }
}
