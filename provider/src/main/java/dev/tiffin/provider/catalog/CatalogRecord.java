package dev.tiffin.provider.catalog;

import dev.tiffin.config.Durations;
import dev.tiffin.config.ExpirySetting;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * What a store remembers of a cache so that another JVM, a later run or the CLI can open it: the
 * key and value types by name, the expiry when it is one of the standard policies, and the
 * statistics and management flags. Listeners, loaders, writers and custom expiry policies are code,
 * not data, and are not kept.
 *
 * @param expiry the standard expiry policy, or empty when the cache used a custom one
 */
public record CatalogRecord(String keyType, String valueType, Optional<ExpirySetting> expiry, boolean statistics,
    boolean management) {

  /** The record of a cache with these types, expiry policy and flags. */
  public static CatalogRecord of(Class<?> keyType, Class<?> valueType, ExpiryPolicy policy, boolean statistics,
      boolean management) {
    return new CatalogRecord(keyType.getName(), valueType.getName(), standardExpiry(policy), statistics, management);
  }

  /** How a cache's expiry reads for people: {@code created:PT10M}, {@code eternal}, or {@code custom}. */
  public static String expiryOf(javax.cache.configuration.CompleteConfiguration<?, ?> configuration) {
    return standardExpiry(configuration.getExpiryPolicyFactory().create()).map(ExpirySetting::toString)
        .orElse("custom");
  }

  /**
   * The standard policy behind {@code policy}; only the specification's own classes are asked, since
   * they answer without side effects (an application's policy may count or log its calls).
   */
  static Optional<ExpirySetting> standardExpiry(ExpiryPolicy policy) {
    if (policy instanceof EternalExpiryPolicy) {
      return Optional.of(ExpirySetting.eternal());
    } else if (policy instanceof CreatedExpiryPolicy created) {
      return of(ExpirySetting.Kind.CREATED, created.getExpiryForCreation());
    } else if (policy instanceof AccessedExpiryPolicy accessed) {
      return of(ExpirySetting.Kind.ACCESSED, accessed.getExpiryForCreation());
    } else if (policy instanceof ModifiedExpiryPolicy modified) {
      return of(ExpirySetting.Kind.MODIFIED, modified.getExpiryForCreation());
    } else if (policy instanceof TouchedExpiryPolicy touched) {
      return of(ExpirySetting.Kind.TOUCHED, touched.getExpiryForCreation());
    }
    return Optional.empty();
  }

  private static Optional<ExpirySetting> of(ExpirySetting.Kind kind, javax.cache.expiry.Duration duration) {
    if (duration == null || duration.isEternal()) {
      return Optional.of(ExpirySetting.eternal());
    }
    return Optional.of(new ExpirySetting(kind, Duration.ofMillis(duration.getAdjustedTime(0))));
  }

  /** The record as the text stored in the catalog (readable with any Redis or SQLite client). */
  String toText() {
    Properties properties = new Properties();
    properties.setProperty("key-type", keyType);
    properties.setProperty("value-type", valueType);
    properties.setProperty("expiry", expiry.map(ExpirySetting::toString).orElse("custom"));
    properties.setProperty("statistics", Boolean.toString(statistics));
    properties.setProperty("management", Boolean.toString(management));
    StringWriter out = new StringWriter();
    try {
      properties.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Drop the date comment Properties writes, so the same cache gives the same bytes.
    return out.toString().replaceFirst("^#.*\\R", "");
  }

  /** Reads a record written by {@link #toText}; empty when it is not one. */
  static Optional<CatalogRecord> parse(String text) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
      String keyType = properties.getProperty("key-type");
      String valueType = properties.getProperty("value-type");
      if (keyType == null || valueType == null) {
        return Optional.empty();
      }
      return Optional.of(new CatalogRecord(keyType, valueType, parseExpiry(properties.getProperty("expiry", "custom")),
          Boolean.parseBoolean(properties.getProperty("statistics")),
          Boolean.parseBoolean(properties.getProperty("management"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<ExpirySetting> parseExpiry(String text) {
    if (text.equals("custom")) {
      return Optional.empty();
    }
    if (text.equals("eternal")) {
      return Optional.of(ExpirySetting.eternal());
    }
    int colon = text.indexOf(':');
    return Optional.of(new ExpirySetting(ExpirySetting.Kind.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT)),
        Durations.parse(text.substring(colon + 1)).orElseThrow()));
  }
}
