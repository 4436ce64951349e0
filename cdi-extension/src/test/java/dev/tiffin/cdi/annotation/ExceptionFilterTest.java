package dev.tiffin.cdi.annotation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The four rules of the spec's exception lists. */
class ExceptionFilterTest {

  @Test
  void bothEmptyGivesTheAnnotationsDefault() {
    assertTrue(new ExceptionFilter(List.of(), List.of(), true).test(new IOException()));
    assertFalse(new ExceptionFilter(List.of(), List.of(), false).test(new IOException()));
  }

  @Test
  void includeOnlyMatchesByInstanceof() {
    ExceptionFilter filter = new ExceptionFilter(List.of(IllegalArgumentException.class), List.of(), false);
    assertTrue(filter.test(new NumberFormatException()));
    assertFalse(filter.test(new IllegalStateException()));
  }

  @Test
  void excludeOnlyMatchesEverythingElse() {
    ExceptionFilter filter = new ExceptionFilter(List.of(), List.of(IllegalArgumentException.class), false);
    assertFalse(filter.test(new NumberFormatException()));
    assertTrue(filter.test(new IOException()));
  }

  @Test
  void includeAndExcludeMatchIncludedButNotExcluded() {
    ExceptionFilter filter = new ExceptionFilter(List.of(RuntimeException.class),
        List.of(IllegalArgumentException.class), true);
    assertTrue(filter.test(new IllegalStateException()));
    assertFalse(filter.test(new NumberFormatException()));
    assertFalse(filter.test(new IOException()));
  }
}
