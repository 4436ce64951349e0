package dev.tiffin.provider.store.sqlite;

import dev.tiffin.config.StoreSettings;
import java.nio.file.Path;

/** Reads the database file out of a {@code sqlite:<path>} URI. */
public final class SqlitePath {

  private SqlitePath() {
  }

  /** The database file of a {@code sqlite:} store. */
  public static Path of(StoreSettings settings) {
    String spec = settings.uri().getSchemeSpecificPart();
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("tiffin.store." + settings.name()
          + ".uri: expected sqlite:<path to a database file>, got '" + settings.uri() + "'");
    }
    if (spec.startsWith("//")) {
      spec = spec.substring(2);
    }
    return Path.of(spec);
  }
}
