package dev.tiffin.provider.linearizability;

import java.util.Objects;

/**
 * One completed operation on one key of a cache, as a client saw it: what it asked, what it got, and
 * when it was called and returned ({@code System.nanoTime}, which on Linux is one clock for every
 * process on the machine).
 */
record RegisterOp(String key, Kind kind, String argument, String expected, String result, long call, long ret) {

  /** The conditional operations of a JCache cache, plus a plain read. */
  enum Kind { GET, PUT_IF_ABSENT, REPLACE, GET_AND_PUT, REMOVE }

  /** What the register holds after this operation, or {@code null} when it cannot have happened on {@code state}. */
  Step apply(String state) {
    return switch (kind) {
      case GET -> Objects.equals(result, state) ? new Step(state) : null;
      case GET_AND_PUT -> Objects.equals(result, state) ? new Step(argument) : null;
      case PUT_IF_ABSENT -> Boolean.parseBoolean(result) == (state == null)
          ? new Step(state == null ? argument : state) : null;
      case REPLACE -> Boolean.parseBoolean(result) == Objects.equals(state, expected)
          ? new Step(Objects.equals(state, expected) ? argument : state) : null;
      case REMOVE -> Boolean.parseBoolean(result) == Objects.equals(state, argument)
          ? new Step(Objects.equals(state, argument) ? null : state) : null;
    };
  }

  /** The register's state after a step. */
  record Step(String state) {
  }

  /** One line of a history file. */
  String toLine() {
    return String.join("\t", key, kind.name(), text(argument), text(expected), text(result), Long.toString(call),
        Long.toString(ret));
  }

  static RegisterOp parse(String line) {
    String[] f = line.split("\t", -1);
    return new RegisterOp(f[0], Kind.valueOf(f[1]), value(f[2]), value(f[3]), value(f[4]), Long.parseLong(f[5]),
        Long.parseLong(f[6]));
  }

  private static String text(String value) {
    return value == null ? "-" : value;
  }

  private static String value(String text) {
    return text.equals("-") ? null : text;
  }
}
