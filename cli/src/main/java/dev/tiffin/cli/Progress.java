package dev.tiffin.cli;

import java.io.PrintWriter;

/** A progress bar on standard error, drawn only when a person is watching (a terminal), never into a script's output. */
final class Progress {

  private static final int WIDTH = 20;

  private final PrintWriter err;
  private final long total;
  private final boolean visible = System.console() != null;
  private long done;

  Progress(PrintWriter err, long total) {
    this.err = err;
    this.total = Math.max(1, total);
  }

  /** One more step done. */
  void step() {
    advance(1);
  }

  /** {@code steps} more done. */
  void advance(long steps) {
    done = Math.min(total, done + steps);
    if (visible) {
      int filled = (int) (done * WIDTH / total);
      err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
      err.flush();
    }
  }

  /** Ends the bar's line. */
  void done() {
    if (visible) {
      err.println();
    }
  }
}
