package dev.tiffin.provider;

import dev.tiffin.api.StorePing;
import dev.tiffin.api.TiffinStores;
import dev.tiffin.config.StoreSettings;
import dev.tiffin.config.TiffinSettings;
import dev.tiffin.spi.ByteStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
    Map<String, String> details = new LinkedHashMap<>(store.serverInfo());
    details.put("signing key", signingKey(settings.store(storeName)));
    return new StorePing(storeName, store.describe(), roundTrip, details);
  }

  private static String signingKey(StoreSettings store) {
    String setting = "tiffin.store." + store.name() + ".signing-key";
    if (store.signingKey().isPresent()) {
      return "configured (" + setting + (store.previousSigningKey().isPresent() ? ", with a previous key)" : ")");
    }
    if (store.uri().getScheme().equalsIgnoreCase("sqlite")) {
      return "generated, kept beside the database file";
    }
    return "none: values needing Java deserialization fall back to the allow-list (set " + setting + ")";
  }

  @Override
  public String toString() {
    return "TiffinStores" + storeNames();
  }
}
