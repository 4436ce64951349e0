package dev.tiffin.testing.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the redis-server and redis-cli executables on PATH, failing fast with install advice. */
final class RedisExecutables {

  private RedisExecutables() {
  }

  static String server() {
    return find("redis-server", System.getenv("PATH"));
  }

  static String cli() {
    return find("redis-cli", System.getenv("PATH"));
  }

  static String find(String name, String searchPath) {
    if (searchPath != null) {
      for (String folder : searchPath.split(File.pathSeparator)) {
        if (folder.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(folder, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    throw new IllegalStateException(name + " is not on PATH (" + searchPath + "); Redis-backed tests need a"
        + " local Redis 7: install it with `apt-get install redis-server`");
  }
}
