package dev.tiffin.provider;

import dev.tiffin.api.StorePing;
import dev.tiffin.api.TiffinStores;
import dev.tiffin.config.TiffinSettings;
import dev.tiffin.spi.ByteStore;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** What {@code cacheManager.unwrap(TiffinStores.class)} returns: the manager's stores and their pings. */
final class ManagerStores implements TiffinStores {

  private final TiffinSettings settings;
  private final Function<String, ByteStore> open;

  ManagerStores(TiffinSettings settings, Function<String, ByteStore> open) {
    this.settings = settings;
    this.open = open;
  }

  @Override
  public Set<String> storeNames() {
    return Set.copyOf(new TreeSet<>(settings.stores().keySet()));
  }

  @Override
  public StorePing ping(String storeName) {
    settings.store(storeName);
    ByteStore store = open.apply(storeName);
    long start = System.nanoTime();
    store.ping();
    Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
    return new StorePing(storeName, store.describe(), roundTrip, store.serverInfo());
  }

  @Override
  public String toString() {
    return "TiffinStores" + storeNames();
  }
}
