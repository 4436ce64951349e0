package dev.tiffin.cdi.annotation;

import java.util.function.Function;
import javax.cache.Cache;

/**
 * Remembers a per-cache answer for the cache a method resolved last, so a setting is looked up once
 * per (method, cache instance) rather than on every call.
 */
final class LastCacheMemo<T> {

  private final Function<Cache<?, ?>, T> question;
  private volatile Answer<T> last;

  LastCacheMemo(Function<Cache<?, ?>, T> question) {
    this.question = question;
  }

  T get(Cache<?, ?> cache) {
    Answer<T> answer = last;
    if (answer == null || answer.cache != cache) {
      answer = new Answer<>(cache, question.apply(cache));
      last = answer;
    }
    return answer.value;
  }

  private record Answer<T>(Cache<?, ?> cache, T value) {
  }
}
