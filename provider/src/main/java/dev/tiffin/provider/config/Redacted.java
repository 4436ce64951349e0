package dev.tiffin.provider.config;

import java.net.URI;

/** Printable forms of values that may carry credentials. */
public final class Redacted {

  private Redacted() {
  }

  /** The URI with any user-info password masked, e.g. {@code redis://app:****@host:6379}. */
  public static String uri(URI uri) {
    String text = uri.toString();
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || !userInfo.contains(":")) {
      return text;
    }
    String user = userInfo.substring(0, userInfo.indexOf(':'));
    return text.replace(userInfo + "@", user + ":****@");
  }
}
