package dev.tiffin.provider.config;

import java.net.URI;

/** Printable forms of values that may carry credentials. */
public final class Redacted {

  private Redacted() {
  }

  /**
   * Whether the text of a URI carries a password: a {@code :} between {@code //} and the last
   * {@code @}. Read from the raw text, since a password holding {@code /}, {@code ?} or {@code #}
   * hides from {@link URI#getUserInfo()}.
   */
  public static boolean holdsPassword(String text) {
    int start = text.indexOf("//");
    int at = text.lastIndexOf('@');
    return start >= 0 && at > start && text.substring(start + 2, at).contains(":");
  }

  /** The text with its whole user-info masked when it holds a password, e.g. {@code redis://****@host:6379}. */
  public static String text(String text) {
    if (text == null || !holdsPassword(text)) {
      return text;
    }
    return text.substring(0, text.indexOf("//") + 2) + "****" + text.substring(text.lastIndexOf('@'));
  }

  /** The URI, masked as {@link #text} does. */
  public static String uri(URI uri) {
    return text(uri.toString());
  }
}
