package dev.tiffin.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tiffin.api.TiffinCache;
import dev.tiffin.provider.codec.Canaries;
import dev.tiffin.testing.redis.LocalRedis;
import dev.tiffin.testing.redis.RedisServer;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** What a shared Redis store deserializes, with and without a signing key. */
class RedisTrustTest {

  /** An application class nobody allowed. */
  record Book(String title, List<String> authors) implements Serializable {
  }

  private static final String SIGNING_KEY = "0123456789abcdef0123456789abcdef";

  @TempDir
  static Path folder;

  @RegisterExtension
  static final LocalRedis REDIS = new LocalRedis();

  private static Cache<String, Object> books(TiffinCachingProvider provider, String app) {
    return provider.getCacheManager(URI.create(app), null)
        .createCache("books", new MutableConfiguration<String, Object>().setTypes(String.class, Object.class));
  }

  @Test
  void withoutAKeyEveryClassThisJvmWroteReadsBackAndOthersAreMisses() {
    Map<String, String> settings = Map.of("tiffin.store.default.uri", REDIS.server().uri());
    try (TiffinCachingProvider writer = TestProviders.withSettings(folder, settings);
         TiffinCachingProvider stranger = TestProviders.withSettings(folder, settings)) {
      Cache<String, Object> written = books(writer, "keyless");
      written.put("b1", new Book("Dune", List.of("Herbert")));
      written.put("b2", new Book[] {new Book("Emma", List.of("Austen"))});
      assertEquals(new Book("Dune", List.of("Herbert")), written.get("b1"));
      assertEquals(new Book("Emma", List.of("Austen")), ((Book[]) written.get("b2"))[0]);

      // Another JVM (a provider with its own stores) never wrote Book: a miss, counted, not an error.
      Cache<String, Object> read = books(stranger, "keyless");
      assertNull(read.get("b1"));
      assertEquals(1, read.unwrap(TiffinCache.class).unreadableValues());
    }
  }

  @Test
  void withAKeyAnyClassReadsBackInEveryJvmAndForgedBytesAreMisses() {
    Map<String, String> settings = Map.of("tiffin.store.default.uri", REDIS.server().uri(),
        "tiffin.store.default.signing-key", SIGNING_KEY);
    try (TiffinCachingProvider writer = TestProviders.withSettings(folder, settings);
         TiffinCachingProvider reader = TestProviders.withSettings(folder, settings);
         Jedis raw = new Jedis(RedisServer.HOST, REDIS.server().port())) {
      books(writer, "signed").put("b1", new Book("Dune", List.of("Herbert")));
      Cache<String, Object> read = books(reader, "signed");
      assertEquals(new Book("Dune", List.of("Herbert")), read.get("b1"));

      raw.set(bytes("signed:books:forged"), Canaries.unsignedEnvelope(Canaries.canaryStream()));
      raw.set(bytes("signed:books:copied"), raw.get(bytes("signed:books:b1")));
      assertNull(read.get("forged"));
      assertNull(read.get("copied"));
      assertFalse(Canaries.CANARY_RAN.get(), "the canary's static initializer ran");
      assertEquals(2, read.unwrap(TiffinCache.class).unreadableValues());

      // A store with another key refuses what this one signed.
      Map<String, String> otherKey = Map.of("tiffin.store.default.uri", REDIS.server().uri(),
          "tiffin.store.default.signing-key", "another-key-that-is-long-enough");
      try (TiffinCachingProvider stranger = TestProviders.withSettings(folder, otherKey)) {
        assertNull(books(stranger, "signed").get("b1"));
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
