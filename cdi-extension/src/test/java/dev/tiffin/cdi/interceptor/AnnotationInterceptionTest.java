package dev.tiffin.cdi.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tiffin.cdi.testing.Deployments;
import dev.tiffin.cdi.testing.TestCaches;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each of the four annotations is intercepted, with a non-default cacheName, and does its part. */
@ExtendWith(ArquillianExtension.class)
class AnnotationInterceptionTest {

  @Deployment
  static JavaArchive deployment() {
    return Deployments.archive(BlogBean.class);
  }

  @Inject
  BlogBean blog;

  /** Called first by every test: Arquillian's JUnit 5 runner skips {@code @BeforeEach} in a local container. */
  private void reset() {
    blog.deleteAll();
    blog.reads().set(0);
  }

  @Test
  void cacheResultAnswersRepeatedCallsFromTheCache() {
    reset();
    blog.store().put("a", "first");
    assertEquals("first", blog.read("a"));
    blog.store().put("a", "changed behind the cache");

    assertEquals("first", blog.read("a"));
    assertEquals(1, blog.reads().get());
    assertEquals("first", TestCaches.cached(BlogBean.CACHE, "a"));
  }

  @Test
  void nullResultsAreNotCached() {
    reset();
    assertNull(blog.read("missing"));
    assertNull(blog.read("missing"));
    assertEquals(2, blog.reads().get());
  }

  @Test
  void cacheKeyParametersAloneFormTheKey() {
    reset();
    blog.store().put("b", "body b");
    assertEquals("body b", blog.readTraced("req-1", "b", 1L));
    blog.store().remove("b");

    assertEquals("body b", blog.readTraced("req-2", "b", 2L));
    assertEquals("body b", blog.read("b"), "same cache, same key as read(title)");
    assertEquals(1, blog.reads().get());
  }

  @Test
  void defaultCacheNameIsClassMethodAndParameterTypes() {
    reset();
    String name = BlogBean.class.getName() + ".readFromDefaultCache(java.lang.String,int)";
    assertEquals("x@3", blog.readFromDefaultCache("x", 3));
    assertEquals("x@3", TestCaches.cached(name, "x", 3));
  }

  @Test
  void cachePutStoresTheCacheValueUnderTheOtherParameters() {
    reset();
    blog.write("c", "body c");
    assertEquals("body c", TestCaches.cached(BlogBean.CACHE, "c"));

    blog.store().clear();
    assertEquals("body c", blog.read("c"));
    assertEquals(0, blog.reads().get());
  }

  @Test
  void cacheRemoveEvictsOneKey() {
    reset();
    blog.write("d", "body d");
    blog.write("e", "body e");

    blog.delete("d");

    assertNull(TestCaches.cached(BlogBean.CACHE, "d"));
    assertNotNull(TestCaches.cached(BlogBean.CACHE, "e"));
  }

  @Test
  void cacheRemoveAllEmptiesTheCache() {
    reset();
    blog.write("f", "body f");
    blog.write("g", "body g");

    blog.deleteAll();

    assertNull(TestCaches.cached(BlogBean.CACHE, "f"));
    assertNull(TestCaches.cached(BlogBean.CACHE, "g"));
  }
}
