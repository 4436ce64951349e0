package dev.tiffin.provider.codec;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one open store trusts for Java deserialization: its signing keys when it has them, otherwise
 * the classes this JVM has written into each of its caches.
 */
public final class StoreTrust {

  private final Optional<SigningKeys> signingKeys;
  private final String storeName;
  private final Map<String, Set<String>> learnedByCache = new ConcurrentHashMap<>();

  /** Trust for the store named {@code storeName} in the configuration. */
  public StoreTrust(String storeName, Optional<SigningKeys> signingKeys) {
    this.storeName = storeName;
    this.signingKeys = signingKeys;
  }

  /** The signing keys, or empty when values fall back to the allow-list. */
  Optional<SigningKeys> signingKeys() {
    return signingKeys;
  }

  /** Whether the store signs values. */
  public boolean signs() {
    return signingKeys.isPresent();
  }

  /** The store's name in the configuration, for messages that name a setting. */
  String storeName() {
    return storeName;
  }

  /** The classes this JVM wrote into one cache, shared by every manager that opens it. */
  Set<String> learnedClasses(String cacheName) {
    return learnedByCache.computeIfAbsent(cacheName, name -> ConcurrentHashMap.newKeySet());
  }
}
