package dev.tiffin.provider.layered;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.provider.codec.EntryMetadata;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.config.NearSettings;
import dev.tiffin.provider.entry.MemoryStore;
import dev.tiffin.provider.near.NearStore;
import dev.tiffin.provider.store.FailuresAsMisses;
import dev.tiffin.provider.store.ForwardingStore;
import dev.tiffin.provider.store.InProcessInvalidationBus;
import dev.tiffin.provider.store.StoreHealth;
import dev.tiffin.provider.time.FakeTime;
import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/** The entry header, tag invalidation and the store read by logical expiry, over a memory store in fake time. */
class LogicalExpiryStoreTest {

  private final FakeTime time = new FakeTime();
  private final MemoryStore raw = new MemoryStore();
  private final KeyCodec keys = new KeyCodec("app", "c", written -> { });
  private final TagInvalidations tags = new TagInvalidations(raw, keys, time, false);
  private final LogicalExpiryStore store = new LogicalExpiryStore(raw, tags, raw);

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aHeaderRoundTripsWithItsTagsAndLeavesTheValueBehindIt() {
    EntryMetadata metadata = new EntryMetadata(2_000, 1_000, 1_500, List.of("user:1", "ünïcode"));
    byte[] stored = metadata.wrap(text("value"));

    assertTrue(EntryMetadata.isPresent(stored));
    assertEquals(metadata, EntryMetadata.read(stored));
    assertArrayEquals(text("value"), EntryMetadata.value(stored));
    assertFalse(EntryMetadata.isPresent(text("plain text")));
    assertNull(EntryMetadata.read(text("plain text")));
  }

  @Test
  void aTruncatedHeaderIsNoHeader() {
    byte[] stored = new EntryMetadata(2_000, 1_000, 0, List.of("a-long-tag")).wrap(new byte[0]);
    assertNull(EntryMetadata.read(Arrays.copyOf(stored, stored.length - 3)));
  }

  @Test
  void anEntryWithAHeaderExpiresAtItsFreshUntilThoughTheStoreKeepsItLonger() {
    long now = time.getAsLong();
    byte[] value = new EntryMetadata(now + 100, now, 0, List.of()).wrap(text("v"));
    raw.put(text("k"), value, now + 10_000, now + 10_000);

    StoredEntry read = store.get(text("k"));

    assertEquals(now + 100, read.expiresAt());
    assertArrayEquals(value, read.value(), "the stored bytes stay whole, so compare-and-set still matches");
    assertEquals(now + 10_000, store.getStored(text("k")).expiresAt());
  }

  @Test
  void anEntryWithoutAHeaderPassesThroughUntouched() {
    raw.put(text("k"), text("plain"), 123, 123);
    assertSame(raw.get(text("k")), store.get(text("k")));
  }

  @Test
  void anInvalidatedTagExpiresTheEntriesCreatedBeforeItAndNotAfter() {
    long created = time.getAsLong();
    raw.put(text("old"), new EntryMetadata(StoredEntry.ETERNAL, created, 0, List.of("t")).wrap(text("v")),
        StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    time.advance(5, TimeUnit.MILLISECONDS);

    tags.invalidate("t");
    time.advance(5, TimeUnit.MILLISECONDS);
    long later = time.getAsLong();
    raw.put(text("new"), new EntryMetadata(StoredEntry.ETERNAL, later, 0, List.of("t")).wrap(text("v")),
        StoredEntry.ETERNAL, StoredEntry.ETERNAL);

    assertTrue(store.get(text("old")).isExpiredAt(later));
    assertFalse(store.get(text("new")).isExpiredAt(later));
    List<StoredEntry> both = store.getAll(List.of(text("old"), text("new"), text("absent")));
    assertTrue(both.get(0).isExpiredAt(later));
    assertFalse(both.get(1).isExpiredAt(later));
    assertNull(both.get(2));
  }

  @Test
  void aTagsInvalidationTimeNeverGoesBack() {
    tags.invalidate("t");
    long first = Long.parseLong(new String(raw.get(keys.tagKey("t")).value(), StandardCharsets.US_ASCII));

    TagInvalidations behind = new TagInvalidations(raw, keys, () -> first - 60_000, false);
    behind.invalidate("t");

    assertEquals(first, Long.parseLong(new String(raw.get(keys.tagKey("t")).value(), StandardCharsets.US_ASCII)));
  }
  @Test
  void closingTheCacheClosesItsNearTierEvenUnderFailuresAsMisses() {
    NearStore near = new NearStore(raw, new NearSettings(100, java.time.Duration.ofMinutes(1)), time,
        InProcessInvalidationBus.forStore("close-" + java.util.UUID.randomUUID()), "app:c#near",
        dev.tiffin.provider.near.WritePath.DIRECT);
    LogicalExpiryStore cacheStore = new LogicalExpiryStore(
        new FailuresAsMisses(near, near, new StoreHealth()), tags, near);
    raw.put(text("k"), text("v"), StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    cacheStore.get(text("k"));
    assertEquals(1, near.size());

    cacheStore.close();

    assertEquals(0, near.size(), "the near tier (and its bus membership) outlived its cache");
  }

  @Test
  void aTaggedCopyAnsweredWhileTheStoreFailsIsAMissUnderFailuresAsMissesAndAnErrorOtherwise() {
    long now = time.getAsLong();
    byte[] key = keys.encode("k");
    StoredEntry tagged = new StoredEntry(new EntryMetadata(now + 60_000, now, 0, List.of("t")).wrap(text("v")),
        StoredEntry.ETERNAL);
    raw.put(key, tagged.value(), tagged.expiresAt(), tagged.expiresAt());
    AtomicBoolean down = new AtomicBoolean();
    ByteStore failing = new ForwardingStore(raw) {
      @Override
      public StoredEntry get(byte[] k) {
        return up(down).get(k);
      }

      @Override
      public List<StoredEntry> getAll(List<byte[]> k) {
        return up(down).getAll(k);
      }

      private ByteStore up(AtomicBoolean down) {
        if (down.get()) {
          throw new CacheException("store down");
        }
        return store();
      }
    };
    FailuresAsMisses.LastKnown heldCopy = new FailuresAsMisses.LastKnown() {
      @Override
      public StoredEntry lastKnown(byte[] k) {
        return tagged;
      }

      @Override
      public void forget(byte[] k) {
      }
    };
    FailuresAsMisses answering = new FailuresAsMisses(failing, heldCopy, new StoreHealth());
    LogicalExpiryStore asMisses = new LogicalExpiryStore(answering, new TagInvalidations(failing, keys, time, true), raw);
    LogicalExpiryStore strict = new LogicalExpiryStore(answering, new TagInvalidations(failing, keys, time, false), raw);
    assertArrayEquals(tagged.value(), asMisses.get(key).value());

    down.set(true);

    assertNull(asMisses.get(key), "a tagged copy whose tags could not be checked was served, or failed");
    assertNull(asMisses.getAll(List.of(key)).get(0));
    assertThrows(CacheException.class, () -> strict.get(key));
    // The scan itself is answered, the tag records are not: the row is left out, never a null entry.
    assertEquals(List.of(), asMisses.scan(keys.prefix(), null, 10).entries());
  }

  @Test
  void aCreationThatLosesToATaggedEntryWhoseTagsCannotBeReadFailsAtOnce() {
    long now = time.getAsLong();
    byte[] key = keys.encode("k");
    byte[] tagged = new EntryMetadata(now + 60_000, now, 0, List.of("t")).wrap(text("v"));
    raw.put(key, tagged, StoredEntry.ETERNAL, StoredEntry.ETERNAL);
    // The entry's node answers, the one holding its tag's record does not (a Redis Cluster node down).
    ByteStore tagsDown = new ForwardingStore(raw) {
      @Override
      public List<StoredEntry> getAll(List<byte[]> k) {
        throw new CacheException("tag node down");
      }
    };
    LogicalExpiryStore store = new LogicalExpiryStore(tagsDown, new TagInvalidations(tagsDown, keys, time, true), raw);

    assertNull(store.get(key));
    CacheException e = assertThrows(CacheException.class,
        () -> store.compareAndSet(key, null, text("new"), StoredEntry.ETERNAL), "a lost creation looked contended");
    assertTrue(e.getMessage().contains("fails to read its tags' records"), e.getMessage());
    assertArrayEquals(tagged, raw.get(key).value());
    assertTrue(store.compareAndSet(key, tagged, text("new"), StoredEntry.ETERNAL), "a swap that wins is untouched");
  }
}
