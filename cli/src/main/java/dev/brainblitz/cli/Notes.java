package dev.brainblitz.cli;

import java.io.PrintWriter;

/**
 * Notes for the user on the error stream of the running {@code blitz} command ({@code blitz: note:
 * ...}), from code that has no access to it (e.g. which of two same-named models was read). The
 * stream is set by {@link Blitz#run} for the thread that runs the command.
 */
final class Notes {
  private static final ThreadLocal<PrintWriter> STREAM = new ThreadLocal<>();

  private Notes() {}

  static void to(PrintWriter err) {
    if (err == null) {
      STREAM.remove();
    } else {
      STREAM.set(err);
    }
  }

  static void print(String note) {
    PrintWriter err = STREAM.get();
    if (err != null) {
      err.println("blitz: note: " + dev.brainblitz.ir.diag.Diagnostic.escape(note, true));
      err.flush();
    }
  }
}
