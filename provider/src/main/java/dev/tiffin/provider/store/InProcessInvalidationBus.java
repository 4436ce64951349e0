package dev.tiffin.provider.store;

import dev.tiffin.spi.ByteStore;
import dev.tiffin.spi.InvalidationBus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Invalidations between the members in one JVM — caches of the same name opened by other managers
 * or providers on the same store — delivered directly, so it never loses a message and is always
 * online. Other processes are not told: SQLite adds its change log for them.
 */
public final class InProcessInvalidationBus implements InvalidationBus {

  private static final Map<String, InProcessInvalidationBus> BY_STORE = new ConcurrentHashMap<>();

  private final Map<String, List<Listener>> channels = new ConcurrentHashMap<>();

  private InProcessInvalidationBus() {
  }

  /** The bus of the store {@code store} describes, shared by every user of it in this JVM. */
  public static InProcessInvalidationBus forStore(String store) {
    return BY_STORE.computeIfAbsent(store, name -> new InProcessInvalidationBus());
  }

  /** {@code store}'s bus for near tiers; a store without one reaches this JVM only. */
  public static InvalidationBus of(ByteStore store) {
    return orInJvm(store.invalidationBus(), store);
  }

  /** {@code store}'s bus for shared entry events; a store without one reaches this JVM only. */
  public static InvalidationBus eventsOf(ByteStore store) {
    return orInJvm(store.eventBus(), store);
  }

  private static InvalidationBus orInJvm(InvalidationBus bus, ByteStore store) {
    return bus != null ? bus : forStore(store.describe());
  }

  @Override
  public Membership join(String channel, Listener listener) {
    List<Listener> members = channels.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>());
    members.add(listener);
    return new Membership() {
      @Override
      public void publish(List<byte[]> keys) {
        toOthers(member -> member.invalidate(keys));
      }

      @Override
      public void publishFlush() {
        toOthers(Listener::invalidateAll);
      }

      @Override
      public void publishEvents(List<byte[]> records) {
        toOthers(member -> member.events(records));
      }

      private void toOthers(Consumer<Listener> message) {
        for (Listener member : members) {
          if (member != listener) {
            message.accept(member);
          }
        }
      }

      @Override
      public boolean isOnline() {
        return true;
      }

      @Override
      public void close() {
        members.remove(listener);
      }
    };
  }
}
