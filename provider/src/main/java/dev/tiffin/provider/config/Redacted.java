package dev.tiffin.provider.config;

import java.net.URI;

/** Printable forms of values that may carry credentials. */
public final class Redacted {

  private Redacted() {
  }

  /**
   * The URI with anything that could be a password masked, e.g. {@code redis://****@host:6379}: the
   * whole user-info, found in the raw text up to the last {@code @}, since a password holding
   * {@code /}, {@code ?} or {@code #} hides from {@link URI#getUserInfo()}.
   */
  public static String uri(URI uri) {
    String text = uri.toString();
    int start = text.indexOf("//");
    int at = text.lastIndexOf('@');
    if (start < 0 || at < start || !text.substring(start + 2, at).contains(":")) {
      return text;
    }
    return text.substring(0, start + 2) + "****" + text.substring(at);
  }
}
