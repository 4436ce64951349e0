package dev.tiffin.spi;

/**
 * A stored value with its absolute expiry time in epoch milliseconds.
 *
 * <p>The value bytes are whatever the codec produced; the store never looks inside them.
 */
public record StoredEntry(byte[] value, long expiresAt) {

  /** The expiry time of an entry that never expires. */
  public static final long ETERNAL = Long.MAX_VALUE;

  /** Whether this entry is logically gone at {@code now}. */
  public boolean isExpiredAt(long now) {
    return expiresAt <= now;
  }

  @Override
  public String toString() {
    return "StoredEntry[" + value.length + " bytes, expiresAt=" + expiresAt + "]";
  }
}
