package dev.tiffin.examples.hibernate;

import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;

/**
 * The application: a library catalogue. Every operation runs in a session of its own, as a web request
 * would, so whatever it does not read from the database comes from the second-level cache (Tiffin).
 *
 * <p>All settings, including the cache provider, are in {@code hibernate.properties}.
 */
public final class Library implements AutoCloseable {

  private final SessionFactory sessions;

  private Library(SessionFactory sessions) {
    this.sessions = sessions;
  }

  public static Library open() {
    return new Library(new Configuration()
        .addAnnotatedClass(Author.class)
        .addAnnotatedClass(Book.class)
        .buildSessionFactory());
  }

  /** Saves an author and the books added with {@link Author#wrote}; returns the author's id. */
  public long add(Author author) {
    sessions.inTransaction(session -> session.persist(author));
    return author.getId();
  }

  public Author author(long id) {
    return sessions.fromTransaction(session -> session.find(Author.class, id));
  }

  public void rename(long authorId, String name) {
    sessions.inTransaction(session -> session.find(Author.class, authorId).setName(name));
  }

  /** The titles of an author's books, through the author's cached {@code books} collection. */
  public List<String> titlesBy(long authorId) {
    return sessions.fromTransaction(session ->
        session.find(Author.class, authorId).getBooks().stream().map(Book::getTitle).sorted().toList());
  }

  /** Finds a book by its natural id. */
  public Book byIsbn(String isbn) {
    return sessions.fromTransaction(session -> session.bySimpleNaturalId(Book.class).load(isbn));
  }

  /** A cacheable query: its results are kept in the query cache. */
  public List<String> titlesByAuthorName(String name) {
    return sessions.fromTransaction(session -> session
        .createSelectionQuery("select b from Book b where b.author.name = :name order by b.title", Book.class)
        .setParameter("name", name)
        .setCacheable(true)
        .getResultList()
        .stream().map(Book::getTitle).toList());
  }

  public Statistics statistics() {
    return sessions.getStatistics();
  }

  /** Empties every second-level cache region (the default SQLite store outlives the in-memory database). */
  public void evictSecondLevelCache() {
    sessions.getCache().evictAllRegions();
  }

  @Override
  public void close() {
    sessions.close();
  }
}
