package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;

/** {@code @CacheResult} methods with exception caching and skipGet. */
@ApplicationScoped
public class FlakyService {

  static final String ERRORS = "flaky-errors";

  private final AtomicInteger calls = new AtomicInteger();

  public AtomicInteger calls() {
    return calls;
  }

  /** Caches IllegalArgumentException, except NumberFormatException (one of its subclasses). */
  @CacheResult(cacheName = "flaky", exceptionCacheName = ERRORS,
      cachedExceptions = IllegalArgumentException.class, nonCachedExceptions = NumberFormatException.class)
  public String parse(String input) {
    calls.incrementAndGet();
    if (input.startsWith("bad")) {
      throw new IllegalArgumentException("bad input " + input);
    }
    if (input.startsWith("nan")) {
      throw new NumberFormatException("not a number " + input);
    }
    if (input.startsWith("state")) {
      throw new IllegalStateException("wrong state " + input);
    }
    return input;
  }

  /** No include or exclude list: every exception is cached. */
  @CacheResult(cacheName = "flaky-io", exceptionCacheName = "flaky-io-errors")
  public String read(String path) throws IOException {
    calls.incrementAndGet();
    throw new IOException("cannot read " + path);
  }

  /** Always invoked; the result (or exception) still lands in the caches. */
  @CacheResult(cacheName = "flaky-skip", skipGet = true, exceptionCacheName = "flaky-skip-errors")
  public String refresh(String input) {
    int call = calls.incrementAndGet();
    if (input.startsWith("bad")) {
      throw new IllegalArgumentException("bad input " + input);
    }
    return input + "#" + call;
  }
}
