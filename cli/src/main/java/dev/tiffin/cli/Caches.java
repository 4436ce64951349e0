package dev.tiffin.cli;

import javax.cache.Cache;
import javax.cache.CacheManager;

/** Looks a cache up the way every command needs: it must exist, since a command never creates one. */
final class Caches {

  private Caches() {
  }

  static Cache<Object, Object> existing(CacheManager manager, String name) {
    Cache<Object, Object> cache = manager.getCache(name);
    if (cache == null) {
      throw new IllegalArgumentException("no cache named '" + name + "' in this store (known: "
          + String.join(", ", manager.getCacheNames()) + ")");
    }
    return cache;
  }
}
