package dev.tiffin.testing.redis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real redis-server that refuses, on the wire, what TongRDS lacks: its default user may not run
 * {@code HELLO}, {@code WATCH}, {@code CLIENT} beyond SETNAME/GETNAME/LIST, {@code OBJECT},
 * {@code ACL}, {@code KEYS}, {@code FLUSHDB}, {@code FLUSHALL}, nor the Redis 6.2+ commands a
 * TongRDS probe may not find ({@code GETEX}, {@code GETDEL}); optionally not Lua either.
 *
 * <p>An {@value #ADMIN} user keeps every right, so tests can read {@code ACL LOG} for what was refused.
 */
public final class TongrdsProfile {

  /** The user tests use to inspect the server. */
  public static final String ADMIN = "profile-admin";
  /** Its password. */
  public static final String ADMIN_PASSWORD = "profile-admin-pw";

  private TongrdsProfile() {
  }

  /** Starts a TongRDS-profile server; with {@code refuseLua}, scripting is refused as well. */
  public static RedisServer start(Path dir, boolean refuseLua) {
    return RedisServer.start(dir, configLines(refuseLua));
  }

  /** The {@code user} lines of the profile's configuration. */
  public static List<String> configLines(boolean refuseLua) {
    List<String> refused = new ArrayList<>(List.of("-hello", "-watch", "-client", "+client|setname",
        "+client|getname", "+client|list", "-object", "-acl", "-keys", "-flushdb", "-flushall", "-getex", "-getdel"));
    if (refuseLua) {
      refused.addAll(List.of("-eval", "-evalsha", "-eval_ro", "-evalsha_ro", "-script", "-fcall", "-function"));
    }
    return List.of(
        "user default on nopass ~* &* +@all " + String.join(" ", refused),
        "user " + ADMIN + " on >" + ADMIN_PASSWORD + " ~* &* +@all");
  }

  /** The commands the server refused since it started, from {@code ACL LOG}, lower-case. */
  public static List<String> refusedCommands(RedisServer server) {
    String log = server.cli("--user", ADMIN, "--pass", ADMIN_PASSWORD, "--no-auth-warning", "ACL", "LOG", "100");
    List<String> lines = log.lines().map(String::trim).toList();
    List<String> refused = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).equals("reason") && lines.get(i + 1).equals("command")) {
        for (int j = i; j + 1 < lines.size(); j++) {
          if (lines.get(j).equals("object")) {
            refused.add(lines.get(j + 1).toLowerCase(java.util.Locale.ROOT));
            break;
          }
        }
      }
    }
    return refused;
  }
}
