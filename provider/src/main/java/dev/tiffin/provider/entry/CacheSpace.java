package dev.tiffin.provider.entry;

import dev.tiffin.provider.codec.EnvelopeCodec;
import dev.tiffin.provider.codec.KeyCodec;
import dev.tiffin.spi.ByteStore;
import java.util.function.LongSupplier;

/**
 * One cache's slice of a store: the store, how its keys and values become bytes there, and the
 * wall clock its expiry times are written in.
 */
public record CacheSpace(String cacheName, ByteStore store, KeyCodec keys, EnvelopeCodec values, LongSupplier clock) {

  /** The time now, in wall-clock milliseconds. */
  public long now() {
    return clock.getAsLong();
  }
}
