package dev.tiffin.provider.operations;

import dev.tiffin.testing.redis.LocalRedis;
import dev.tiffin.testing.redis.TongrdsProfile;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The namespace contract on the TongRDS profile (no GETEX, GETDEL or KEEPTTL, Lua allowed). */
class TongrdsNamespaceTest extends NamespaceContract {

  @RegisterExtension
  static final LocalRedis PROFILE = new LocalRedis(TongrdsProfile.configLines(false));

  @Override
  String uri() {
    return "tongrds://127.0.0.1:" + PROFILE.server().port();
  }
}
