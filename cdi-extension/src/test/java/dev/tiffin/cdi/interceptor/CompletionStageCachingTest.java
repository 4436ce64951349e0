package dev.tiffin.cdi.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.cdi.config.ExtensionSettings;
import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A CompletionStage result is cached as its value, only once it completes successfully. */
@ExtendWith(ArquillianExtension.class)
class CompletionStageCachingTest {

  private static final String SINGLE_FLIGHT = ExtensionSettings.name(QuoteService.SHARED, ExtensionSettings.SINGLE_FLIGHT);

  static {
    System.setProperty(SINGLE_FLIGHT, "true");
  }

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive(QuoteService.class);
  }

  @AfterAll
  static void clearSetting() {
    System.clearProperty(SINGLE_FLIGHT);
  }

  @Inject
  QuoteService quotes;

  @Test
  void valueIsCachedWhenTheFutureCompletesAndHitsReturnACompletedFuture() {
    CompletableFuture<String> source = quotes.pending("ACME");
    CompletableFuture<String> first = quotes.quote("ACME");
    assertFalse(first.isDone());
    assertNull(TestCaches.cached("quotes", "ACME"), "nothing cached before completion");

    source.complete("42.0");

    assertEquals("42.0", first.join());
    assertEquals("42.0", TestCaches.cached("quotes", "ACME"));
    int before = quotes.calls().get();
    CompletableFuture<String> hit = quotes.quote("ACME");
    assertTrue(hit.isDone());
    assertEquals("42.0", hit.join());
    assertEquals(before, quotes.calls().get());
  }

  @Test
  void failedStageCachesNothing() {
    quotes.pending("FAIL").completeExceptionally(new IllegalStateException("exchange closed"));
    CompletionStage<String> failed = quotes.quoteStage("FAIL");
    CompletionException error = assertThrows(CompletionException.class, () -> failed.toCompletableFuture().join());
    assertEquals("exchange closed", error.getCause().getMessage());
    assertNull(TestCaches.cached("quote-stages", "FAIL"));

    quotes.pending("FAIL").complete("1.5");
    int before = quotes.calls().get();
    assertEquals("1.5", quotes.quoteStage("FAIL").toCompletableFuture().join());
    assertEquals(before + 1, quotes.calls().get(), "the failure was not cached, so the method ran again");
  }

  @Test
  void singleFlightFollowersShareTheLeadersPendingStage() {
    CompletableFuture<String> source = quotes.pending("SHRD");
    int before = quotes.calls().get();
    List<CompletableFuture<String>> callers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      callers.add(quotes.sharedQuote("SHRD"));
    }
    assertEquals(before + 1, quotes.calls().get(), "one invocation while the first is pending");
    assertTrue(callers.stream().noneMatch(CompletableFuture::isDone));

    source.complete("7.0");

    callers.forEach(f -> assertEquals("7.0", f.join()));
    assertEquals("7.0", TestCaches.cached(QuoteService.SHARED, "SHRD"));
  }
}
