package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.RtlOptions;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutorOptions;

/**
 * The hardware options the gate-level and board targets share with target {@code rtl}: the same
 * {@link RtlOptions}, so {@code blitz verify --fold ...} folds every hardware target alike.
 */
final class HardwareOptions {
  private HardwareOptions() {}

  static RtlOptions rtl(ExecutorOptions options) {
    return options.get(RtlOptions.class).orElse(RtlOptions.DEFAULTS);
  }

  static FoldingPlan plan(Network network, ExecutorOptions options) {
    return rtl(options).plan(network);
  }
}
