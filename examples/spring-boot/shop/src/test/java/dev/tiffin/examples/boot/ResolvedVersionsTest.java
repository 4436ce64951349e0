package dev.tiffin.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The application runs on the Jedis and sqlite-jdbc versions Boot manages, not on Tiffin's. */
class ResolvedVersionsTest {

  @Test
  void theClassPathHoldsBootsVersions() throws Exception {
    String sqlite = jarVersion(Class.forName("org.sqlite.JDBC"), "sqlite-jdbc-");
    System.out.println("sqlite-jdbc " + sqlite + " (Boot manages " + System.getProperty("boot.managed.sqlite-jdbc") + ")");
    assertEquals(System.getProperty("boot.managed.sqlite-jdbc"), sqlite);
    if (Boolean.parseBoolean(System.getProperty("spring-data-redis.present", "true"))) {
      String jedis = jarVersion(Class.forName("redis.clients.jedis.Jedis"), "jedis-");
      System.out.println("jedis " + jedis + " (Boot manages " + System.getProperty("boot.managed.jedis") + ")");
      assertEquals(System.getProperty("boot.managed.jedis"), jedis);
    } else {
      assertThrows(ClassNotFoundException.class, () -> Class.forName("redis.clients.jedis.Jedis"));
      System.out.println("no Jedis and no Spring Data Redis on the class path");
    }
  }

  private static String jarVersion(Class<?> type, String prefix) throws Exception {
    String jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
    return jar.substring(prefix.length(), jar.length() - ".jar".length());
  }
}
