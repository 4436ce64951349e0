package dev.tiffin.cli;

import dev.tiffin.api.StorePing;
import dev.tiffin.api.TiffinStores;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The "test connection": does the store answer, how fast, and what is it. */
@Command(name = "ping", mixinStandardHelpOptions = true,
    description = "Check that a store answers: round trip, server kind and version, mode, signing key.")
final class PingCommand extends StoreCommand {

  @Parameters(arity = "0..1", paramLabel = "<store|uri>",
      description = "a store name from the settings, or a store URI (redis://host:port, sqlite:/path…)")
  String storeOrUri;

  @Override
  public Integer call() {
    String store = target.storeName();
    if (storeOrUri != null && storeOrUri.contains(":")) {
      target.uri = URI.create(storeOrUri);
    } else if (storeOrUri != null) {
      store = storeOrUri;
    }
    try (Target opened = target) {
      StorePing ping = target.manager().unwrap(TiffinStores.class).ping(store);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("store", ping.store());
      fields.put("location", ping.location());
      fields.put("round trip", String.format("%.3f ms", ping.roundTrip().toNanos() / 1e6));
      fields.putAll(ping.server());
      output().record(fields);
      return 0;
    }
  }
}
