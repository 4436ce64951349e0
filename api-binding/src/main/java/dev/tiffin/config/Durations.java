package dev.tiffin.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as every Tiffin setting writes them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601. */
public final class Durations {

  /** What a reader of an error message is told a duration looks like. */
  public static final String EXAMPLES = "500ms, 30s, 10m, 2h, 1d or PT10M";

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {
  }

  /** The duration {@code text} spells, or empty when it spells none (or one too long to hold). */
  public static Optional<Duration> parse(String text) {
    String trimmed = text.trim();
    Matcher matcher = SHORT.matcher(trimmed.toLowerCase(Locale.ROOT));
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        });
      }
      return Optional.of(Duration.parse(trimmed));
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
