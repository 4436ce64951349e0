package dev.tiffin.provider.event;

import dev.tiffin.provider.async.SerialQueue;
import dev.tiffin.provider.entry.CacheSpace;
import dev.tiffin.spi.InvalidationBus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.event.EventType;

/**
 * A cache's entry events shared with its namesakes in other JVMs ({@code listeners-across-jvms}): the
 * events of every operation here go out on the store's bus, on the channel {@code <app>:<cache>#events},
 * and events from elsewhere are decoded with this cache's codecs (so its trust rules apply) and handed
 * to its listeners in arrival order, on a queue of their own.
 *
 * <p>Delivery is at most once: a lost message (noticed by the bus's sequence numbers) loses its
 * events, which is logged; nothing is redelivered.
 *
 * <pre>
 *   record: type(1)  keyLength(4) storeKey  valueLength(4) value  oldValueLength(4) oldValue   (length -1: none)
 * </pre>
 */
public final class RemoteEvents<K, V> implements InvalidationBus.Listener, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RemoteEvents.class.getName());
  private static final EventType[] TYPES = EventType.values();

  private final Cache<K, V> cache;
  private final CacheSpace space;
  private final SerialQueue arrivals;
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile EventDispatcher<K, V> dispatcher;
  private InvalidationBus.Membership membership;

  /** Events of {@code cache} (whose slice of the store is {@code space}), delivered on {@code executor}. */
  public RemoteEvents(Cache<K, V> cache, CacheSpace space, Executor executor) {
    this.cache = cache;
    this.space = space;
    this.arrivals = new SerialQueue(executor, "events from other JVMs for cache " + space.cacheName());
  }

  /** Starts exchanging events on {@code bus}, delivering what arrives through {@code dispatcher}. */
  public void join(InvalidationBus bus, EventDispatcher<K, V> dispatcher) {
    this.dispatcher = dispatcher;
    this.membership = bus.join(space.keys().eventChannel(), this);
    dispatcher.shareWith(this);
  }

  /** Sends one operation's events to the other JVMs. */
  void publish(List<TiffinEntryEvent<K, V>> events) {
    List<byte[]> records = new ArrayList<>(events.size());
    for (TiffinEntryEvent<K, V> event : events) {
      byte[] key = space.keys().encode(event.getKey());
      byte[] value = event.getValue() == null ? null : space.values().encode(key, event.getValue());
      byte[] old = event.isOldValueAvailable() && event.getOldValue() != null
          ? space.values().encode(key, event.getOldValue()) : null;
      records.add(record(event.getEventType(), key, value, old));
    }
    membership.publishEvents(records);
  }

  private static byte[] record(EventType type, byte[] key, byte[] value, byte[] old) {
    ByteBuffer out = ByteBuffer.allocate(1 + 12 + key.length + length(value) + length(old));
    out.put((byte) type.ordinal()).putInt(key.length).put(key);
    for (byte[] part : new byte[][] {value, old}) {
      out.putInt(part == null ? -1 : part.length);
      if (part != null) {
        out.put(part);
      }
    }
    return out.array();
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  @Override
  public void events(List<byte[]> records) {
    arrivals.submit(() -> {
      List<TiffinEntryEvent<K, V>> events = new ArrayList<>(records.size());
      for (byte[] record : records) {
        TiffinEntryEvent<K, V> event = decode(record);
        if (event != null) {
          events.add(event);
        }
      }
      if (!events.isEmpty()) {
        dispatcher.dispatchFromElsewhere(events);
      }
    });
  }

  /** The event in {@code record}, or {@code null} (logged) when it cannot be read or trusted. */
  @SuppressWarnings("unchecked")
  private TiffinEntryEvent<K, V> decode(byte[] record) {
    try {
      ByteBuffer in = ByteBuffer.wrap(record);
      EventType type = TYPES[in.get()];
      byte[] key = part(in);
      byte[] value = part(in);
      byte[] old = part(in);
      byte[] any = value != null ? value : old;
      if (key == null || any == null) {
        return null;
      }
      K decodedKey = (K) space.values().decodeKey(key, any);
      V decodedValue = value == null ? null : (V) space.values().decode(key, value);
      V decodedOld = old == null ? null : (V) space.values().decode(key, old);
      return new TiffinEntryEvent<>(cache, type, decodedKey, decodedValue, decodedOld, decodedOld != null);
    } catch (RuntimeException e) {
      // A value this cache may not trust, or bytes that are no event: never delivered.
      LOG.log(System.Logger.Level.WARNING, "Ignored an entry event from another JVM for cache " + space.cacheName()
          + ": " + e.getMessage());
      return null;
    }
  }

  private static byte[] part(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  /** A message was lost or the bus was offline: some events from elsewhere never arrive. */
  @Override
  public void invalidateAll() {
    // The first call is the subscription itself, before which nothing was promised.
    if (subscribed.compareAndSet(false, true)) {
      return;
    }
    LOG.log(System.Logger.Level.WARNING, "Entry events from other JVMs for cache " + space.cacheName()
        + " may have been lost (a message went missing or the bus reconnected); listeners did not hear them");
  }

  @Override
  public void invalidate(List<byte[]> keys) {
  }

  /** Leaves the bus and waits (up to 10 s) for events already received. */
  @Override
  public void close() {
    if (membership != null) {
      membership.close();
    }
    arrivals.awaitIdle(10, TimeUnit.SECONDS);
  }
}
