package dev.tiffin.testing.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSentinelSetupTest {

  @TempDir
  Path dir;

  @Test
  void sentinelReportsTheMaster() {
    RedisSentinelSetup setup = RedisSentinelSetup.start(dir);
    long sentinelPid = setup.sentinelPid();
    long masterPid = setup.master().pid();
    try (setup) {
      assertEquals("127.0.0.1\n" + setup.master().port(),
          setup.sentinelCli("SENTINEL", "get-master-addr-by-name", RedisSentinelSetup.MASTER_NAME));
      assertEquals("redis-sentinel://127.0.0.1:" + setup.sentinelPort() + "/tiffin", setup.uri());
      assertEquals("PONG", setup.master().cli("PING"));
    }
    assertFalse(ProcessHandle.of(sentinelPid).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(ProcessHandle.of(masterPid).map(ProcessHandle::isAlive).orElse(false));
    setup.close();
  }
}
