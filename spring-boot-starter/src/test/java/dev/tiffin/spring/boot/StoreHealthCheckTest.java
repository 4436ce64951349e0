package dev.tiffin.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiffin.provider.TiffinCachingProvider;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreHealthCheckTest {

  @TempDir
  Path folder;

  @Test
  void aStoreThatAnswersIsUpAndOneThatDoesNotIsDownWithTheReason() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Properties settings = new Properties();
    settings.setProperty("tiffin.store.default.uri", "sqlite:" + folder.resolve("cache.db"));
    settings.setProperty("tiffin.store.remote.uri", "redis://127.0.0.1:" + closedPort);
    settings.setProperty("tiffin.store.remote.timeout", "500ms");
    try (TiffinCachingProvider provider = new TiffinCachingProvider()) {
      CacheManager manager = provider.getCacheManager(URI.create("health"), getClass().getClassLoader(), settings);
      StoreHealthCheck check = StoreHealthCheck.of(manager);
      assertEquals(Set.of("default", "remote"), check.storeNames());

      StoreHealthCheck.Outcome local = check.check("default");
      assertTrue(local.up(), local.toString());
      assertEquals("SQLite", local.details().get("product"));

      StoreHealthCheck.Outcome remote = check.check("remote");
      assertFalse(remote.up());
      assertTrue(remote.failure().getMessage().contains("127.0.0.1:" + closedPort), remote.failure().getMessage());
    }
  }

  @Test
  void anotherProvidersManagerHasNoTiffinHealth() {
    CacheManager other = (CacheManager) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {CacheManager.class}, (proxy, method, args) -> {
          if (method.getName().equals("unwrap")) {
            throw new IllegalArgumentException("not mine");
          }
          return null;
        });
    assertNull(StoreHealthCheck.of(other));
  }
}
