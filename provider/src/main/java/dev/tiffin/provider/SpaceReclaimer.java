package dev.tiffin.provider;

import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.ScanPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Deletes the keys of a namespace generation nobody reads any more, page by page on a background
 * executor: the caller's {@code clear()} has already moved to a new generation, and short deletes
 * never hold the store for long.
 */
final class SpaceReclaimer {

  private static final int PAGE = 500;
  private static final System.Logger LOG = System.getLogger(SpaceReclaimer.class.getName());

  private final Executor executor;

  SpaceReclaimer(Executor executor) {
    this.executor = executor;
  }

  /** Starts deleting every key of {@code store} under {@code prefix}. */
  void reclaim(ByteStore store, byte[] prefix, String what) {
    executor.execute(() -> {
      try {
        byte[] cursor = null;
        do {
          ScanPage page = store.scan(prefix, cursor, PAGE);
          List<byte[]> keys = new ArrayList<>(page.entries().size());
          page.entries().forEach(row -> keys.add(row.key()));
          if (!keys.isEmpty()) {
            store.removeAll(keys);
          }
          cursor = page.cursor();
        } while (cursor != null);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Reclaiming the cleared entries of " + what + " stopped; they are"
            + " invisible already and stay in the store until they expire", e);
      }
    });
  }
}
