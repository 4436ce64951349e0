package dev.tiffin.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tiffin} command for operators: test a store's connection, look inside its caches, clear
 * them, read statistics, run a short benchmark. Exit codes: 0 success, 1 failure, 2 usage.
 */
@Command(name = "tiffin", mixinStandardHelpOptions = true, version = "tiffin 0.1.0",
    description = "Test, inspect and clear Tiffin stores and caches.",
    subcommands = {DemoCommand.class, PingCommand.class, CachesCommand.class, KeysCommand.class,
        GetCommand.class, DelCommand.class, ClearCommand.class, StatsCommand.class, BenchCommand.class},
    footer = {"", "Settings come from the same places as the library's: --uri/--config, tiffin.properties,",
        "system properties and TIFFIN_* environment variables. Exit codes: 0 ok, 1 failure, 2 usage."})
public final class Tiffin implements Runnable {

  /** Exit code of a command that failed (a store that does not answer, an unknown cache…). */
  static final int FAILURE = 1;
  /** Exit code of a command line that cannot be understood. */
  static final int USAGE = CommandLine.ExitCode.USAGE;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    quietLogging(Arrays.asList(args).contains("--verbose"));
    CommandLine line = new CommandLine(new Tiffin())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler((failure, commandLine, parsed) -> {
          commandLine.getErr().println("tiffin " + commandLine.getCommandName() + ": " + message(failure));
          return FAILURE;
        });
    return line.execute(args);
  }

  private static String message(Throwable failure) {
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }

  /**
   * Warnings and errors only, unless {@code --verbose}: Tiffin logs through {@code System.Logger} and
   * its embedded Jedis through SLF4J, both bound to java.util.logging here.
   */
  private static void quietLogging(boolean verbose) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
    handler.setLevel(verbose ? Level.FINE : Level.WARNING);
    root.addHandler(handler);
    root.setLevel(verbose ? Level.FINE : Level.WARNING);
  }
}
