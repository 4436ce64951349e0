package dev.tiffin.provider.entry;

import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.KeyedEntry;
import dev.tiffin.spi.ScanPage;
import dev.tiffin.spi.StoredEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ByteStore} in a map, for unit tests of the layers above the store; {@link #loseNextSwaps}
 * makes the next compare-and-sets fail as if another writer had won each race.
 */
public final class MemoryStore implements ByteStore {

  private final ConcurrentSkipListMap<ByteBuffer, StoredEntry> entries = new ConcurrentSkipListMap<>();
  private final AtomicInteger lostSwaps = new AtomicInteger();
  private final AtomicInteger swaps = new AtomicInteger();
  private final AtomicInteger reads = new AtomicInteger();

  /** The next {@code count} compare-and-sets fail; {@link Integer#MAX_VALUE} makes every one fail. */
  public void loseNextSwaps(int count) {
    lostSwaps.set(count);
  }

  /** How many compare-and-sets were attempted. */
  public int swaps() {
    return swaps.get();
  }

  private static ByteBuffer wrap(byte[] key) {
    return ByteBuffer.wrap(key.clone());
  }

  /** How many single-key reads reached this store. */
  public int reads() {
    return reads.get();
  }

  @Override
  public StoredEntry get(byte[] key) {
    reads.incrementAndGet();
    return entries.get(wrap(key));
  }

  @Override
  public List<StoredEntry> getAll(List<byte[]> keys) {
    List<StoredEntry> found = new ArrayList<>();
    keys.forEach(key -> found.add(get(key)));
    return found;
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAtIfCreated, long expiresAtIfUpdated) {
    entries.compute(wrap(key), (k, old) -> new StoredEntry(value,
        old == null || expiresAtIfUpdated == KEEP_EXPIRY ? (old == null ? expiresAtIfCreated : old.expiresAt())
            : expiresAtIfUpdated));
  }

  /** Adds to a counter; this test store has no clock, so every stored entry counts as live. */
  @Override
  public synchronized long increment(byte[] key, long delta, long expiresAtIfCreated) {
    StoredEntry current = entries.get(wrap(key));
    long next;
    try {
      next = Math.addExact(current == null ? 0 : Long.parseLong(new String(current.value(),
          java.nio.charset.StandardCharsets.US_ASCII)), delta);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new dev.tiffin.spi.NotACounterException("not a counter");
    }
    entries.put(wrap(key), new StoredEntry(Long.toString(next).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        current == null ? expiresAtIfCreated : current.expiresAt()));
    return next;
  }

  @Override
  public synchronized boolean compareAndSet(byte[] key, byte[] expected, byte[] value, long expiresAt) {
    swaps.incrementAndGet();
    if (lostSwaps.get() > 0) {
      if (lostSwaps.get() != Integer.MAX_VALUE) {
        lostSwaps.decrementAndGet();
      }
      return false;
    }
    StoredEntry current = entries.get(wrap(key));
    if (current == null ? expected != null : expected == null || !Arrays.equals(current.value(), expected)) {
      return false;
    }
    if (value == null) {
      entries.remove(wrap(key));
    } else {
      long keep = current == null ? StoredEntry.ETERNAL : current.expiresAt();
      entries.put(wrap(key), new StoredEntry(value, expiresAt == KEEP_EXPIRY ? keep : expiresAt));
    }
    return true;
  }

  @Override
  public synchronized boolean touch(byte[] key, byte[] expected, long expiresAt) {
    StoredEntry current = entries.get(wrap(key));
    if (current == null || !Arrays.equals(current.value(), expected)) {
      return false;
    }
    entries.put(wrap(key), new StoredEntry(current.value(), expiresAt));
    return true;
  }

  @Override
  public void putAll(List<byte[]> keys, List<byte[]> values, long expiresAtIfCreated, long expiresAtIfUpdated) {
    for (int i = 0; i < keys.size(); i++) {
      put(keys.get(i), values.get(i), expiresAtIfCreated, expiresAtIfUpdated);
    }
  }

  @Override
  public long removeAll(List<byte[]> keys) {
    return keys.stream().filter(key -> entries.remove(wrap(key)) != null).count();
  }

  @Override
  public ScanPage scan(byte[] prefix, byte[] cursor, int limit) {
    List<KeyedEntry> page = new ArrayList<>();
    for (Map.Entry<ByteBuffer, StoredEntry> entry : entries.entrySet()) {
      byte[] key = new byte[entry.getKey().remaining()];
      entry.getKey().duplicate().get(key);
      if (key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
        page.add(new KeyedEntry(key, entry.getValue()));
      }
    }
    return new ScanPage(page, null);
  }

  @Override
  public long clear(byte[] prefix) {
    List<byte[]> keys = new ArrayList<>();
    scan(prefix, null, Integer.MAX_VALUE).entries().forEach(row -> keys.add(row.key()));
    return removeAll(keys);
  }

  @Override
  public void ping() {
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {
  }
}
