package dev.tiffin.provider.event;

import dev.tiffin.provider.async.Closeables;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
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
 * before the operation returns, each asynchronous one in order in a queue of its own on the
 * cache's executor, so a slow listener delays nobody else's events.
 */
public final class EventDispatcher<K, V> implements AutoCloseable {

  private static final EventType[] DELIVERY_ORDER = {
      EventType.EXPIRED, EventType.CREATED, EventType.UPDATED, EventType.REMOVED};
  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private final String cacheName;
  private final Executor executor;
  private volatile RemoteEvents<K, V> remote;

  /** Creates a dispatcher for the named cache, running asynchronous listeners on {@code executor}. */
  public EventDispatcher(String cacheName, Executor executor) {
    this.cacheName = cacheName;
    this.executor = executor;
  }

  /** Adds a listener; the configuration must not be registered already. */
  public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
    registrations.add(new ListenerRegistration<>(configuration, executor, cacheName));
  }

  /** Removes a listener, closing it if it is {@link Closeable}. */
  public synchronized void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration().equals(configuration)) {
        registrations.remove(registration);
        Closeables.closeQuietly(registration.listener());
        Closeables.closeQuietly(registration.filter());
      }
    }
  }

  /** Shares every operation's events with other JVMs through {@code remote} from now on. */
  void shareWith(RemoteEvents<K, V> remote) {
    this.remote = remote;
  }

  /** Whether anyone hears events — a listener here, or other JVMs — so callers can skip building them. */
  public boolean hasListeners() {
    return !registrations.isEmpty() || remote != null;
  }

  /** A new batch that collects one operation's events. */
  public EventBatch<K, V> batch() {
    return hasListeners() ? new EventBatch<>(this) : EventBatch.none();
  }

  /**
   * Delivers the events of one operation, after sending them to other JVMs (the operation is done
   * either way); a synchronous listener's failure reaches the caller.
   */
  void dispatch(List<TiffinEntryEvent<K, V>> events) {
    RemoteEvents<K, V> sharing = remote;
    if (sharing != null) {
      sharing.publish(events);
    }
    deliverHere(events);
  }

  /**
   * Delivers events of an operation made in another JVM, in the order they arrived: there is no
   * caller to wait, so a synchronous listener runs on the arrivals queue and its failure is logged.
   */
  void dispatchFromElsewhere(List<TiffinEntryEvent<K, V>> events) {
    try {
      deliverHere(events);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "A listener of cache " + cacheName + " failed on events from another JVM", e);
    }
  }

  private void deliverHere(List<TiffinEntryEvent<K, V>> events) {
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
          registration.queue().submit(() -> deliver(registration, type, ofType));
        }
      }
    }
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

  /** Waits (up to 10 s) for queued asynchronous events, then closes every listener and filter. */
  @Override
  public synchronized void close() {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.queue() != null && !registration.queue().awaitIdle(10, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "An asynchronous listener of cache " + cacheName
            + " was still busy 10 s after the cache closed; it is closed anyway");
      }
      Closeables.closeQuietly(registration.listener());
      Closeables.closeQuietly(registration.filter());
    }
    registrations.clear();
    if (remote != null) {
      remote.close();
    }
  }
}
