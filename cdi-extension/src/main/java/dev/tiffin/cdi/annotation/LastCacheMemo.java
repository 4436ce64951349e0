package dev.tiffin.cdi.annotation;

import java.util.function.Predicate;
import javax.cache.Cache;

/**
 * Remembers a per-cache yes/no answer for the cache a method resolved last, so a setting is looked
 * up once per (method, cache instance) rather than on every call.
 */
final class LastCacheMemo {

  private final Predicate<Cache<?, ?>> question;
  private volatile Answer last;

  LastCacheMemo(Predicate<Cache<?, ?>> question) {
    this.question = question;
  }

  boolean test(Cache<?, ?> cache) {
    Answer answer = last;
    if (answer == null || answer.cache != cache) {
      answer = new Answer(cache, question.test(cache));
      last = answer;
    }
    return answer.value;
  }

  private record Answer(Cache<?, ?> cache, boolean value) {
  }
}
