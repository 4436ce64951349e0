package dev.tiffin.provider.event;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * Delivers a cache's entry events to its listeners: synchronous ones on the caller's thread
 * before the operation returns, asynchronous ones in order on one background thread.
 */
public final class EventDispatcher<K, V> implements AutoCloseable {

  private static final EventType[] DELIVERY_ORDER = {
      EventType.EXPIRED, EventType.CREATED, EventType.UPDATED, EventType.REMOVED};
  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private final String cacheName;
  private ExecutorService asyncExecutor;

  /** Creates a dispatcher for the named cache. */
  public EventDispatcher(String cacheName) {
    this.cacheName = cacheName;
  }

  /** Adds a listener; the configuration must not be registered already. */
  public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
    registrations.add(new ListenerRegistration<>(configuration));
  }

  /** Removes a listener, closing it if it is {@link Closeable}. */
  public synchronized void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration().equals(configuration)) {
        registrations.remove(registration);
        closeQuietly(registration.listener());
        closeQuietly(registration.filter());
      }
    }
  }

  /** Whether any listener is registered, so callers can skip building events. */
  public boolean hasListeners() {
    return !registrations.isEmpty();
  }

  /** A new batch that collects one operation's events. */
  public EventBatch<K, V> batch() {
    return registrations.isEmpty() ? EventBatch.none() : new EventBatch<>(this);
  }

  /** Delivers the events of one operation; a synchronous listener's failure reaches the caller. */
  void dispatch(List<TiffinEntryEvent<K, V>> events) {
    for (EventType type : DELIVERY_ORDER) {
      List<TiffinEntryEvent<K, V>> ofType = new ArrayList<>();
      for (TiffinEntryEvent<K, V> event : events) {
        if (event.getEventType() == type) {
          ofType.add(event);
        }
      }
      if (ofType.isEmpty()) {
        continue;
      }
      for (ListenerRegistration<K, V> registration : registrations) {
        if (!registration.listensTo(type)) {
          continue;
        }
        if (registration.isSynchronous()) {
          deliver(registration, type, ofType);
        } else {
          asyncExecutor().execute(() -> {
            try {
              deliver(registration, type, ofType);
            } catch (RuntimeException e) {
              LOG.log(System.Logger.Level.WARNING, "Asynchronous listener of cache " + cacheName + " failed", e);
            }
          });
        }
      }
    }
  }

  private synchronized ExecutorService asyncExecutor() {
    if (asyncExecutor == null) {
      asyncExecutor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tiffin-events-" + cacheName);
        thread.setDaemon(true);
        return thread;
      });
    }
    return asyncExecutor;
  }

  @SuppressWarnings("unchecked")
  private void deliver(ListenerRegistration<K, V> registration, EventType type, List<TiffinEntryEvent<K, V>> events) {
    List<CacheEntryEvent<? extends K, ? extends V>> delivered = new ArrayList<>(events.size());
    try {
      for (TiffinEntryEvent<K, V> event : events) {
        TiffinEntryEvent<K, V> seen = registration.isOldValueRequired() ? event : event.withoutOldValue();
        if (registration.filter() == null || registration.filter().evaluate(seen)) {
          delivered.add(seen);
        }
      }
      if (delivered.isEmpty()) {
        return;
      }
      Object listener = registration.listener();
      switch (type) {
        case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(delivered);
        case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(delivered);
        case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(delivered);
        case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(delivered);
      }
    } catch (CacheEntryListenerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheEntryListenerException("Listener of cache " + cacheName + " failed on " + type + " events", e);
    }
  }

  /** Waits for queued asynchronous events, then closes every listener and filter. */
  @Override
  public synchronized void close() {
    if (asyncExecutor != null) {
      asyncExecutor.shutdown();
      try {
        asyncExecutor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (ListenerRegistration<K, V> registration : registrations) {
      closeQuietly(registration.listener());
      closeQuietly(registration.filter());
    }
    registrations.clear();
  }

  static void closeQuietly(Object resource) {
    if (resource instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "Closing " + resource.getClass().getName() + " failed", e);
      }
    }
  }
}
