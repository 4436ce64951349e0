package dev.tiffin.cli;

import picocli.CommandLine.Command;

/** The README's first command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Show a cache at work on the embedded SQLite default: miss, hit, expiry, statistics.")
final class DemoCommand extends StoreCommand {

  @Override
  public Integer call() {
    try (Target opened = target) {
      return new Demo(target.manager(), spec.commandLine().getOut()).run();
    }
  }
}
