package dev.tiffin.cdi.interceptor;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.cdi.annotation.DeepCacheKey;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import javax.cache.annotation.CacheResult;

/**
 * A slow source deployed in several containers at once: the invocation count is static, so it adds
 * up over every container, as a count kept in a shared database would over JVMs.
 */
@ApplicationScoped
public class SharedStoreLoader {

  static final String SHARED = "shared-store-single-flight";
  static final String UNSHARED = "shared-store-unshared";
  static final AtomicInteger CALLS = new AtomicInteger();
  /** Whether some other caller found the store lock on the key taken while the method ran. */
  static volatile Boolean lockHeldDuringCall;

  @CacheResult(cacheName = SHARED)
  public String load(String key) throws InterruptedException {
    int call = CALLS.incrementAndGet();
    lockHeldDuringCall = storeLockTaken(key);
    Thread.sleep(300);
    return key + " loaded by call " + call;
  }

  @CacheResult(cacheName = UNSHARED)
  public String loadUnshared(String key) throws InterruptedException {
    int call = CALLS.incrementAndGet();
    Thread.sleep(300);
    return key + " loaded by call " + call;
  }

  @SuppressWarnings("unchecked")
  private static boolean storeLockTaken(String key) {
    TiffinCache<Object, Object> tiffin = TestCaches.cache(SHARED).unwrap(TiffinCache.class);
    try {
      tiffin.lock(new DeepCacheKey(key), Duration.ofSeconds(1), Duration.ZERO).close();
      return false;
    } catch (CacheException e) {
      return true;
    }
  }
}
