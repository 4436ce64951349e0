package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;

/** Asynchronous {@code @CacheResult} methods whose futures the test completes. */
@ApplicationScoped
public class QuoteService {

  static final String SHARED = "quotes-single-flight";

  private final AtomicInteger calls = new AtomicInteger();
  private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

  public AtomicInteger calls() {
    return calls;
  }

  /** The future the next call for {@code symbol} returns. */
  public CompletableFuture<String> pending(String symbol) {
    return pending.computeIfAbsent(symbol, s -> new CompletableFuture<>());
  }

  @CacheResult(cacheName = "quotes")
  public CompletableFuture<String> quote(String symbol) {
    calls.incrementAndGet();
    return pending.remove(symbol);
  }

  @CacheResult(cacheName = "quote-stages")
  public CompletionStage<String> quoteStage(String symbol) {
    calls.incrementAndGet();
    return pending.remove(symbol);
  }

  @CacheResult(cacheName = SHARED)
  public CompletableFuture<String> sharedQuote(String symbol) {
    calls.incrementAndGet();
    return pending.remove(symbol);
  }
}
