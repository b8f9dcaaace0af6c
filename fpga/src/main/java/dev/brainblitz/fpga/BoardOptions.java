package dev.brainblitz.fpga;

import dev.brainblitz.ir.exec.ExecutorOptions;

/**
 * Options of the board targets ({@code board:<name>}) beyond the folding they share with {@code rtl}.
 *
 * @param partialBytes when above 0, the simulated host first sends this many bytes of a vector and
 *     then stays silent, which the board must take as "drop the half vector" (a test of its timeout)
 */
public record BoardOptions(int partialBytes) implements ExecutorOptions.Backend {
  public static final BoardOptions DEFAULTS = new BoardOptions(0);
}
