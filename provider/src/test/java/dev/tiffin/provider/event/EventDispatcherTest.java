package dev.tiffin.provider.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import org.junit.jupiter.api.Test;

/** Event delivery: order, filters, old values, failures, asynchronous queues and closing. */
class EventDispatcherTest {

  /** Runs asynchronous deliveries only when the test says so. */
  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final Executor manual = pending::add;
  private final EventDispatcher<String, String> dispatcher = new EventDispatcher<>("c", manual);
  /** The cache events name as their source; delivery never calls it. */
  @SuppressWarnings("unchecked")
  private final Cache<String, String> source = (Cache<String, String>) Proxy.newProxyInstance(
      getClass().getClassLoader(), new Class<?>[] {Cache.class}, (proxy, method, arguments) -> {
        throw new UnsupportedOperationException(method.getName());
      });

  private void runPending() {
    Runnable task;
    while ((task = pending.poll()) != null) {
      task.run();
    }
  }

  private static MutableCacheEntryListenerConfiguration<String, String> listening(
      CacheEntryListener<String, String> listener, CacheEntryEventFilter<String, String> filter, boolean oldValues,
      boolean synchronous) {
    Factory<CacheEntryListener<String, String>> listenerFactory = () -> listener;
    Factory<CacheEntryEventFilter<String, String>> filterFactory = filter == null ? null : () -> filter;
    return new MutableCacheEntryListenerConfiguration<>(listenerFactory, filterFactory, oldValues, synchronous);
  }

  private void operation(EventType type, String key, String value, String oldValue) {
    EventBatch<String, String> batch = dispatcher.batch();
    batch.add(source, type, key, value, oldValue);
    batch.dispatch();
  }

  @Test
  void nobodyListeningMeansNothingIsRecorded() {
    assertFalse(dispatcher.hasListeners());
    EventBatch<String, String> batch = dispatcher.batch();
    assertFalse(batch.isRecording());
    assertSame(EventBatch.none(), batch);
  }

  @Test
  void oneOperationsEventsArriveGroupedByTypeExpiredFirst() {
    Recorder recorder = new Recorder();
    dispatcher.register(listening(recorder, null, true, true));
    EventBatch<String, String> batch = dispatcher.batch();
    batch.add(source, EventType.REMOVED, "r", "gone", "gone");
    batch.add(source, EventType.CREATED, "c1", "v", null);
    batch.add(source, EventType.EXPIRED, "e", "old", "old");
    batch.add(source, EventType.CREATED, "c2", "v", null);
    assertTrue(recorder.seen.isEmpty(), "delivered before the operation finished");

    batch.dispatch();

    assertEquals(List.of("EXPIRED e", "CREATED c1", "CREATED c2", "REMOVED r"), recorder.seen);
  }

  @Test
  void aFilterSeesEveryEventAndOnlyThePassedOnesArrive() {
    Recorder recorder = new Recorder();
    dispatcher.register(listening(recorder, event -> event.getKey().startsWith("keep"), true, true));

    operation(EventType.CREATED, "keep-1", "v", null);
    operation(EventType.CREATED, "drop-1", "v", null);
    operation(EventType.UPDATED, "keep-2", "v2", "v1");

    assertEquals(List.of("CREATED keep-1", "UPDATED keep-2"), recorder.seen);
  }

  @Test
  void oldValuesReachOnlyListenersThatAskedForThem() {
    Recorder withOld = new Recorder();
    Recorder withoutOld = new Recorder();
    dispatcher.register(listening(withOld, null, true, true));
    dispatcher.register(listening(withoutOld, null, false, true));

    operation(EventType.UPDATED, "k", "new", "old");
    operation(EventType.REMOVED, "k", "new", "new");

    assertEquals("old", withOld.events.get(0).getOldValue());
    assertTrue(withOld.events.get(0).isOldValueAvailable());
    assertEquals("new", withOld.events.get(1).getValue(), "a removed event carries the value that went");
    assertNull(withoutOld.events.get(0).getOldValue());
    assertFalse(withoutOld.events.get(0).isOldValueAvailable());
    assertEquals("new", withoutOld.events.get(0).getValue());
    assertNull(withoutOld.events.get(1).getValue(), "the value of a removed entry is its old value");
  }

  @Test
  void aSynchronousListenerFailureReachesTheCallerAsAListenerException() {
    dispatcher.register(listening((CacheEntryCreatedListener<String, String>) events -> {
      throw new IllegalStateException("boom");
    }, null, false, true));

    CacheEntryListenerException e = assertThrows(CacheEntryListenerException.class,
        () -> operation(EventType.CREATED, "k", "v", null));
    assertEquals("Listener of cache c failed on CREATED events", e.getMessage());
    assertEquals("boom", e.getCause().getMessage());
  }

  @Test
  void anAsynchronousListenerHearsItsEventsInOrderOnTheExecutorNotOnTheCaller() {
    Recorder recorder = new Recorder();
    dispatcher.register(listening(recorder, null, false, false));

    operation(EventType.CREATED, "k", "1", null);
    operation(EventType.UPDATED, "k", "2", "1");
    operation(EventType.REMOVED, "k", "2", "2");
    assertTrue(recorder.seen.isEmpty(), "an asynchronous listener ran on the caller's thread");

    runPending();

    assertEquals(List.of("CREATED k", "UPDATED k", "REMOVED k"), recorder.seen);
  }

  @Test
  void aListenerHearsOnlyTheTypesItImplements() {
    List<String> created = new ArrayList<>();
    dispatcher.register(listening((CacheEntryCreatedListener<String, String>) events ->
        events.forEach(event -> created.add(event.getKey())), null, false, true));

    operation(EventType.UPDATED, "u", "v", "old");
    operation(EventType.CREATED, "c", "v", null);

    assertEquals(List.of("c"), created);
  }

  @Test
  void deregisteringAndClosingCloseTheListener() {
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    MutableCacheEntryListenerConfiguration<String, String> firstConfiguration = listening(first, null, false, true);
    dispatcher.register(firstConfiguration);
    dispatcher.register(listening(second, null, false, false));

    dispatcher.deregister(firstConfiguration);
    operation(EventType.CREATED, "k", "v", null);
    assertTrue(first.closed);
    assertTrue(first.seen.isEmpty());

    runPending();
    dispatcher.close();
    assertTrue(second.closed);
    assertFalse(dispatcher.hasListeners());
  }

  /** Records every event it hears, as "TYPE key". */
  static final class Recorder implements CacheEntryCreatedListener<String, String>,
      CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>,
      CacheEntryExpiredListener<String, String>, Closeable {

    final List<String> seen = new ArrayList<>();
    final List<CacheEntryEvent<? extends String, ? extends String>> events = new ArrayList<>();
    boolean closed;

    private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
      for (CacheEntryEvent<? extends String, ? extends String> event : batch) {
        seen.add(event.getEventType() + " " + event.getKey());
        events.add(event);
      }
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
      record(batch);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
      record(batch);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
      record(batch);
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
      record(batch);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
