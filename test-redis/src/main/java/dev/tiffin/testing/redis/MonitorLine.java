package dev.tiffin.testing.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses one MONITOR line, {@code 1700000000.123456 [0 127.0.0.1:50000] "set" "k" "v"}, into the
 * command name (upper-cased) and its arguments, undoing Redis's quoting ({@code \"}, {@code \n},
 * {@code \xHH}, ...).
 */
final class MonitorLine {

  private MonitorLine() {
  }

  static List<String> parse(String line) {
    int close = line.indexOf("] \"");
    if (close < 0) {
      throw new IllegalArgumentException("Not a MONITOR line: " + line);
    }
    List<String> words = new ArrayList<>();
    int i = close + 2;
    while (i < line.length()) {
      if (line.charAt(i) == ' ') {
        i++;
        continue;
      }
      if (line.charAt(i) != '"') {
        throw new IllegalArgumentException("Expected a quoted argument at " + i + ": " + line);
      }
      ByteArrayOutputStream word = new ByteArrayOutputStream();
      i++;
      while (true) {
        if (i >= line.length()) {
          throw new IllegalArgumentException("Unterminated argument: " + line);
        }
        char c = line.charAt(i);
        if (c == '"') {
          i++;
          break;
        }
        if (c == '\\' && i + 1 < line.length()) {
          char escaped = line.charAt(i + 1);
          if (escaped == 'x' && i + 3 < line.length()) {
            word.write(Integer.parseInt(line.substring(i + 2, i + 4), 16));
            i += 4;
            continue;
          }
          word.write(unescape(escaped));
          i += 2;
          continue;
        }
        word.write(c);
        i++;
      }
      words.add(word.toString(StandardCharsets.UTF_8));
    }
    if (!words.isEmpty()) {
      words.set(0, words.get(0).toUpperCase(Locale.ROOT));
    }
    return List.copyOf(words);
  }

  private static int unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'a':
        return 7;
      case 'b':
        return '\b';
      default:
        return c;
    }
  }
}
