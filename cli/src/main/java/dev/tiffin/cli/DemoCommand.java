package dev.tiffin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** The README's first command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Show a cache at work on the embedded SQLite default: miss, hit, expiry, statistics.")
final class DemoCommand implements Callable<Integer> {

  @Mixin
  Target target;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (Target opened = target) {
      return new Demo(target.manager(), spec.commandLine().getOut()).run();
    }
  }
}
