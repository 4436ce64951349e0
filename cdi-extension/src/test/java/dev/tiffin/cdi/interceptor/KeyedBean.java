package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;

/** {@code @CacheResult} methods with a custom key generator or resolver factory. */
@ApplicationScoped
public class KeyedBean {

  private final AtomicInteger calls = new AtomicInteger();

  public AtomicInteger calls() {
    return calls;
  }

  @CacheResult(cacheName = "greetings", cacheKeyGenerator = CaseInsensitiveKeyGenerator.class)
  public String greet(String name) {
    calls.incrementAndGet();
    return "Hello " + name;
  }

  @CacheResult(cacheName = "described", cacheKeyGenerator = RecordingKeyGenerator.class)
  public String describe(String label, @CacheKey int id, @CacheKey String locale) {
    calls.incrementAndGet();
    return label + id + locale;
  }

  @CacheResult(cacheName = "elsewhere", cacheResolverFactory = SecondManagerResolverFactory.class)
  public String remote(String id) {
    calls.incrementAndGet();
    return "remote " + id;
  }
}
