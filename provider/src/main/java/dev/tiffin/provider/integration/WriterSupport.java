package dev.tiffin.provider.integration;

import java.util.Collection;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * Calls a cache's writer when write-through is on, wrapping failures in {@link CacheWriterException};
 * with write-through off every call does nothing.
 */
public final class WriterSupport<K, V> {

  private final CacheWriter<K, V> writer;

  /** Wraps a writer; {@code null} means no write-through. */
  @SuppressWarnings("unchecked")
  public WriterSupport(CacheWriter<? super K, ? super V> writer) {
    // A writer of supertypes accepts our entries; the cast only lets the collections through.
    this.writer = (CacheWriter<K, V>) writer;
  }

  /** Whether writes go through to a writer. */
  public boolean isActive() {
    return writer != null;
  }

  /** The writer itself, for closing it with the cache. */
  public CacheWriter<K, V> writer() {
    return writer;
  }

  /** Writes one entry through. */
  public void write(Cache.Entry<? extends K, ? extends V> entry) {
    if (writer != null) {
      call(() -> writer.write(entry));
    }
  }

  /** Writes entries through; those left in {@code entries} afterwards were not written. */
  public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    if (writer != null && !entries.isEmpty()) {
      call(() -> writer.writeAll(entries));
    }
  }

  /** Deletes one key through. */
  public void delete(K key) {
    if (writer != null) {
      call(() -> writer.delete(key));
    }
  }

  /** Deletes keys through; those left in {@code keys} afterwards were not deleted. */
  public void deleteAll(Collection<K> keys) {
    if (writer != null && !keys.isEmpty()) {
      call(() -> writer.deleteAll(keys));
    }
  }

  private static void call(Runnable call) {
    try {
      call.run();
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("CacheWriter failed: " + e.getMessage(), e);
    }
  }
}
