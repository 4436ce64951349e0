package dev.tiffin.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiffin.examples.support.Backend;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves with Hibernate's own statistics that the second-level cache answers, and that a hit runs no SQL.
 * The whole class runs once per {@link Backend}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class LibraryTest {

  /** This run's backend, shown in the test names; {@link #boot} receives the same one. */
  @Parameter
  Backend backend;

  private static Backend.InUse backendInUse;
  private static Library library;
  private static Statistics stats;

  @BeforeParameterizedClassInvocation
  static void boot(Backend chosen) {
    library = null;
    backendInUse = chosen.use();
    library = Library.open();
    stats = library.statistics();
  }

  @AfterParameterizedClassInvocation
  static void shutDown() {
    try {
      if (library != null) {
        library.close();
      }
    } finally {
      backendInUse.close();
    }
  }

  @BeforeEach
  void emptyCaches() {
    library.evictSecondLevelCache();
    stats.clear();
  }

  @Test
  void anEntityIsReadFromTheCacheWithoutSql() {
    long id = library.add(new Author("Ursula K. Le Guin"));
    library.evictSecondLevelCache();
    stats.clear();

    assertEquals("Ursula K. Le Guin", library.author(id).getName()); // miss: SQL, then put
    assertEquals(1, stats.getSecondLevelCacheMissCount());
    assertEquals(1, stats.getPrepareStatementCount());

    assertEquals("Ursula K. Le Guin", withoutSql(() -> library.author(id)).getName());
    assertEquals(1, stats.getSecondLevelCacheHitCount());
  }

  @Test
  void anUpdateReachesTheCache() {
    long id = library.add(new Author("Octavia Butler"));
    library.author(id);

    library.rename(id, "Octavia E. Butler");

    stats.clear();
    assertEquals("Octavia E. Butler", withoutSql(() -> library.author(id)).getName());
    assertEquals(1, stats.getSecondLevelCacheHitCount());
  }

  @Test
  void aCollectionIsReadFromTheCacheWithoutSql() {
    long id = library.add(new Author("Stanisław Lem")
        .wrote("978-0-15-602760-4", "Solaris")
        .wrote("978-0-15-627808-2", "The Cyberiad"));
    List<String> titles = List.of("Solaris", "The Cyberiad");
    assertEquals(titles, library.titlesBy(id)); // author hit (put at insert), collection and books loaded

    stats.clear();
    assertEquals(titles, withoutSql(() -> library.titlesBy(id)));
    String collection = Author.class.getName() + ".books";
    assertEquals(1, stats.getCollectionStatistics(collection).getCacheHitCount());
    assertEquals(1 + 1 + 2, stats.getSecondLevelCacheHitCount()); // author, collection, two books
  }

  @Test
  void aNaturalIdIsResolvedFromTheCacheWithoutSql() {
    library.add(new Author("Ted Chiang").wrote("978-1-101-97207-5", "Exhalation"));
    library.evictSecondLevelCache();
    stats.clear();

    assertEquals("Exhalation", library.byIsbn("978-1-101-97207-5").getTitle());
    assertEquals(1, stats.getNaturalIdCacheMissCount());

    assertEquals("Exhalation", withoutSql(() -> library.byIsbn("978-1-101-97207-5")).getTitle());
    assertEquals(1, stats.getNaturalIdCacheHitCount());
  }

  @Test
  void aCacheableQueryIsAnsweredFromTheCacheWithoutSql() {
    library.add(new Author("N. K. Jemisin")
        .wrote("978-0-316-22929-6", "The Fifth Season")
        .wrote("978-0-316-22926-5", "The Obelisk Gate"));
    List<String> titles = List.of("The Fifth Season", "The Obelisk Gate");

    assertEquals(titles, library.titlesByAuthorName("N. K. Jemisin"));
    assertEquals(1, stats.getQueryCacheMissCount());
    assertEquals(1, stats.getQueryCachePutCount());

    assertEquals(titles, withoutSql(() -> library.titlesByAuthorName("N. K. Jemisin")));
    assertEquals(1, stats.getQueryCacheHitCount());
  }

  /** Runs the action and fails if it ran any SQL statement. */
  private static <T> T withoutSql(Supplier<T> action) {
    long before = stats.getPrepareStatementCount();
    T result = action.get();
    assertEquals(before, stats.getPrepareStatementCount(), "a cache hit must not run SQL");
    return result;
  }
}
