package dev.tiffin.cdi.interceptor;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheResult;

/** A slow source: each call parks on a latch the test controls. */
@ApplicationScoped
public class SlowLoader {

  static final String SHARED = "slow-single-flight";
  static final String UNSHARED = "slow-unshared";

  private final AtomicInteger calls = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(1);

  public AtomicInteger calls() {
    return calls;
  }

  /** Closes the gate again and resets the counter. */
  public void reset(int parties) {
    calls.set(0);
    gate = new CountDownLatch(parties);
  }

  /** Lets waiting calls through (one count per call). */
  public CountDownLatch gate() {
    return gate;
  }

  @CacheResult(cacheName = SHARED)
  public String load(String key) throws InterruptedException {
    int call = calls.incrementAndGet();
    if (!gate.await(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("gate never opened");
    }
    if (key.startsWith("fail")) {
      throw new IllegalArgumentException("cannot load " + key + " (call " + call + ")");
    }
    return key + " loaded by call " + call;
  }

  /**
   * Without single flight: each call counts down and waits until all {@code parties} calls are
   * inside the method at once, which only happens if nothing serializes them.
   */
  @CacheResult(cacheName = UNSHARED)
  public String loadUnshared(String key) throws InterruptedException {
    calls.incrementAndGet();
    CountDownLatch all = gate;
    all.countDown();
    return all.await(20, TimeUnit.SECONDS) ? "all inside" : "alone";
  }
}
