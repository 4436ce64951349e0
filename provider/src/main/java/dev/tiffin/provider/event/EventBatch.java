package dev.tiffin.provider.event;

import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.event.EventType;

/** The events one cache operation produced, delivered together once the operation is done. */
public class EventBatch<K, V> {

  @SuppressWarnings("rawtypes")
  private static final EventBatch NONE = new EventBatch<>(null) {
    @Override
    public void add(Cache cache, EventType type, Object key, Object value, Object oldValue) {
    }

    @Override
    public void dispatch() {
    }
  };

  private final EventDispatcher<K, V> dispatcher;
  private final List<TiffinEntryEvent<K, V>> events = new ArrayList<>(2);

  EventBatch(EventDispatcher<K, V> dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** The batch used when nobody listens: it drops everything. */
  @SuppressWarnings("unchecked")
  public static <K, V> EventBatch<K, V> none() {
    return NONE;
  }

  /** Records an event; for removed and expired entries {@code value} is the value that went. */
  public void add(Cache<K, V> cache, EventType type, K key, V value, V oldValue) {
    events.add(new TiffinEntryEvent<>(cache, type, key, value, oldValue, oldValue != null));
  }

  /** Whether events are being collected, so callers can skip decoding old values. */
  public boolean isRecording() {
    return this != NONE;
  }

  /** Delivers the recorded events. */
  public void dispatch() {
    if (!events.isEmpty()) {
      dispatcher.dispatch(events);
    }
  }
}
