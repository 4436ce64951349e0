package dev.tiffin.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the store options and where it prints. */
abstract class StoreCommand implements Callable<Integer> {

  @Mixin
  Target target;

  @Spec
  CommandSpec spec;

  /** Tables or JSON on standard output, as {@code --json} says. */
  Output output() {
    return new Output(spec.commandLine().getOut(), target.json);
  }
}
