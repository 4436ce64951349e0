package dev.tiffin.provider;

import java.util.regex.Pattern;

/** A glob as Redis and shells know it, for matching cache keys: {@code *}, {@code ?}, {@code [set]}, {@code \\x}. */
final class Glob {

  private Glob() {
  }

  /** The pattern that matches exactly what {@code glob} matches. */
  static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '\\' -> {
          if (i + 1 < glob.length()) {
            regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          } else {
            regex.append(Pattern.quote("\\"));
          }
        }
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            regex.append(Pattern.quote("["));
          } else {
            String set = glob.substring(i + 1, close);
            boolean negated = set.startsWith("!") || set.startsWith("^");
            regex.append('[').append(negated ? "^" : "")
                .append(set.substring(negated ? 1 : 0).replace("\\", "\\\\").replace("[", "\\[")).append(']');
            i = close;
          }
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
