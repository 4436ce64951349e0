package dev.tiffin.provider.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.provider.entry.EntryState;
import dev.tiffin.spi.StoredEntry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one place single-key operations' statistics are derived from the state they decided on. */
class CacheStatisticsTest {

  private static final long NOW = 1_000_000;

  private static EntryState<String, String> live() {
    return new EntryState<>("k", new StoredEntry("v".getBytes(StandardCharsets.UTF_8), StoredEntry.ETERNAL), NOW,
        bytes -> new String(bytes, StandardCharsets.UTF_8), null);
  }

  private static EntryState<String, String> absent() {
    return new EntryState<>("k", null, NOW, bytes -> new String(bytes, StandardCharsets.UTF_8), null);
  }

  @Test
  void readsCountHitsAndMissesOnlyWhenTheOperationReads() {
    CacheStatistics statistics = new CacheStatistics();
    statistics.setEnabled(true);
    statistics.record(live(), true, statistics.start());
    statistics.record(absent(), true, statistics.start());
    statistics.record(live(), false, statistics.start());
    assertEquals(1, statistics.getCacheHits());
    assertEquals(1, statistics.getCacheMisses());
  }

  @Test
  void putsAndRemovalsFollowTheDecision() {
    CacheStatistics statistics = new CacheStatistics();
    statistics.setEnabled(true);
    EntryState<String, String> created = absent();
    created.setValue("new");
    EntryState<String, String> discarded = absent();
    discarded.setValue("expired at birth");
    discarded.discard();
    EntryState<String, String> removed = live();
    removed.remove();
    EntryState<String, String> removedNothing = absent();
    removedNothing.remove();
    for (EntryState<String, String> state : java.util.List.of(created, discarded, removed, removedNothing)) {
      statistics.record(state, false, statistics.start());
    }
    assertEquals(1, statistics.getCachePuts());
    assertEquals(1, statistics.getCacheRemovals());
  }

  @Test
  void nothingIsCountedWhileDisabled() {
    CacheStatistics statistics = new CacheStatistics();
    statistics.record(live(), true, statistics.start());
    assertEquals(0, statistics.getCacheHits());
  }
}
