package dev.tiffin.cdi.annotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.junit.jupiter.api.Test;

/** Reading cache names, key layouts and misuse from method declarations. */
class CacheDeclarationTest {

  static class Samples {
    @CacheResult
    public String find(String a, int b, long[] c) {
      return a;
    }

    @CachePut(cacheName = "put")
    public void put(@CacheKey String id, String ignored, @CacheValue String value) {
    }

    @CachePut(cacheName = "put")
    public void putAllButValue(String id, int version, @CacheValue String value) {
    }

    @CacheResult
    @CacheRemove
    public void twoAnnotations(String a) {
    }

    @CacheResult
    public String valueOnResult(@CacheValue String a) {
      return a;
    }

    @CachePut
    public void putWithoutValue(String a) {
    }

    @CachePut
    public void twoValues(@CacheValue String a, @CacheValue String b) {
    }

    public String plain() {
      return "";
    }
  }

  @CacheDefaults(cacheName = "defaults")
  static class Defaulted {
    @CacheResult
    public String inherited(String a) {
      return a;
    }
  }

  static class Subclass extends Defaulted {
  }

  @CacheResult(cacheName = "type-level")
  static class TypeLevel {
    public String any(String a) {
      return a;
    }

    @CacheRemoveAll(cacheName = "other")
    public void clear() {
    }
  }

  @Test
  void defaultNameIsClassMethodAndFullyQualifiedParameterTypes() throws Exception {
    Method find = method(Samples.class, "find");
    assertEquals(Samples.class.getName() + ".find(java.lang.String,int,[J)", CacheDeclaration.defaultCacheName(find));
    assertEquals(CacheDeclaration.defaultCacheName(find), CacheDeclaration.of(find, Samples.class).cacheName());
  }

  @Test
  void cacheKeyParametersFormTheKeyAndTheValueIsNeverPartOfIt() throws Exception {
    ParameterLayout marked = CacheDeclaration.of(method(Samples.class, "put"), Samples.class).parameters();
    assertArrayEquals(new Object[] {"id"}, marked.keyValues(new Object[] {"id", "ignored", "value"}));
    assertEquals("value", marked.value(new Object[] {"id", "ignored", "value"}));

    ParameterLayout unmarked = CacheDeclaration.of(method(Samples.class, "putAllButValue"), Samples.class)
        .parameters();
    assertArrayEquals(new Object[] {"id", 3}, unmarked.keyValues(new Object[] {"id", 3, "value"}));
  }

  @Test
  void misuseIsReported() throws Exception {
    for (String name : new String[] {"twoAnnotations", "valueOnResult", "putWithoutValue", "twoValues"}) {
      Method method = method(Samples.class, name);
      assertThrows(CacheAnnotationException.class, () -> CacheDeclaration.of(method, Samples.class), name);
    }
  }

  @Test
  void unannotatedMethodHasNoDeclaration() throws Exception {
    assertNull(CacheDeclaration.of(method(Samples.class, "plain"), Samples.class));
  }

  @Test
  void cacheDefaultsAreFoundOnSuperclasses() throws Exception {
    assertEquals("defaults", CacheDeclaration.of(method(Defaulted.class, "inherited"), Subclass.class).cacheName());
  }

  @Test
  void typeLevelAnnotationAppliesUnlessTheMethodHasItsOwn() throws Exception {
    CacheDeclaration any = CacheDeclaration.of(method(TypeLevel.class, "any"), TypeLevel.class);
    assertInstanceOf(CacheResult.class, any.annotation());
    assertEquals("type-level", any.cacheName());

    CacheDeclaration clear = CacheDeclaration.of(method(TypeLevel.class, "clear"), TypeLevel.class);
    assertInstanceOf(CacheRemoveAll.class, clear.annotation());
    assertEquals("other", clear.cacheName());
  }

  @Test
  void onlyStageAndFutureReturnTypesAreAsynchronous() throws Exception {
    abstract class Returns {
      abstract java.util.concurrent.CompletionStage<String> stage();

      abstract java.util.concurrent.CompletableFuture<String> future();

      abstract java.util.concurrent.Future<String> plainFuture();
    }
    assertTrue(CachedMethodFactory.isAsynchronous(Returns.class.getDeclaredMethod("stage")));
    assertTrue(CachedMethodFactory.isAsynchronous(Returns.class.getDeclaredMethod("future")));
    assertEquals(false, CachedMethodFactory.isAsynchronous(Returns.class.getDeclaredMethod("plainFuture")));
  }

  private static Method method(Class<?> type, String name) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(name);
  }
}
