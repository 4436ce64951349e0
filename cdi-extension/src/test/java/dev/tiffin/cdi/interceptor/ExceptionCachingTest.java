package dev.tiffin.cdi.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.inject.Inject;
import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** exceptionCacheName with cachedExceptions/nonCachedExceptions, and skipGet. */
@ExtendWith(ArquillianExtension.class)
class ExceptionCachingTest {

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive(FlakyService.class);
  }

  @Inject
  FlakyService service;

  @Test
  void includedExceptionIsCachedAndRethrownWithoutInvoking() {
    int before = service.calls().get();
    IllegalArgumentException first = assertThrows(IllegalArgumentException.class, () -> service.parse("bad-1"));
    IllegalArgumentException second = assertThrows(IllegalArgumentException.class, () -> service.parse("bad-1"));

    assertEquals(first.getMessage(), second.getMessage());
    assertEquals(before + 1, service.calls().get());
    assertNotNull(TestCaches.cached(FlakyService.ERRORS, "bad-1"));
  }

  @Test
  void excludedSubclassIsNotCached() {
    int before = service.calls().get();
    assertThrows(NumberFormatException.class, () -> service.parse("nan-1"));
    assertThrows(NumberFormatException.class, () -> service.parse("nan-1"));

    assertEquals(before + 2, service.calls().get());
    assertNull(TestCaches.cached(FlakyService.ERRORS, "nan-1"));
  }

  @Test
  void exceptionOutsideTheIncludeListIsNotCached() {
    int before = service.calls().get();
    assertThrows(IllegalStateException.class, () -> service.parse("state-1"));
    assertThrows(IllegalStateException.class, () -> service.parse("state-1"));

    assertEquals(before + 2, service.calls().get());
  }

  @Test
  void withoutListsEveryExceptionIncludingCheckedOnesIsCached() {
    int before = service.calls().get();
    IOException first = assertThrows(IOException.class, () -> service.read("/etc/a"));
    IOException second = assertThrows(IOException.class, () -> service.read("/etc/a"));

    assertEquals(first.getMessage(), second.getMessage());
    assertEquals(before + 1, service.calls().get());
  }

  @Test
  void skipGetAlwaysInvokesAndRecachesTheResult() {
    String first = service.refresh("r");
    String second = service.refresh("r");

    assertEquals(second, TestCaches.cached("flaky-skip", "r"));
    assertEquals(Integer.parseInt(first.substring(2)) + 1, Integer.parseInt(second.substring(2)));
  }

  @Test
  void skipGetAlsoSkipsTheCachedExceptionCheck() {
    int before = service.calls().get();
    assertThrows(IllegalArgumentException.class, () -> service.refresh("bad-r"));
    assertNotNull(TestCaches.cached("flaky-skip-errors", "bad-r"), "the exception is cached as usual");

    assertThrows(IllegalArgumentException.class, () -> service.refresh("bad-r"));
    assertEquals(before + 2, service.calls().get());
  }
}
