package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.RtlExecutorProvider;
import dev.brainblitz.hdlgen.StallRates;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.util.List;

/**
 * The hardware options the gate-level and board targets share with target {@code rtl} (same keys,
 * so {@code blitz verify --fold ...} folds every hardware target alike).
 */
final class HardwareOptions {
  private HardwareOptions() {}

  static FoldingPlan plan(Network network, ExecutorOptions options) {
    List<String> folds = options.get(RtlExecutorProvider.FOLD).map(RtlExecutorProvider::splitFolds).orElse(List.of());
    Long targetCycles = options.get(RtlExecutorProvider.TARGET_CYCLES).map(Long::parseLong).orElse(null);
    FoldingPlan plan = FoldingPlan.of(network, folds, targetCycles);
    var levels = options.get(RtlExecutorProvider.PIPELINE_LEVELS);
    if (levels.isPresent()) {
      if (!levels.get().matches("-?[0-9]{1,9}")) {
        throw new ExecutorUnavailableException("option " + RtlExecutorProvider.PIPELINE_LEVELS + " must be an integer, not '"
            + levels.get() + "'");
      }
      plan = plan.withLevelsPerStage(Integer.parseInt(levels.get()));
    }
    return plan;
  }

  static StallRates stalls(ExecutorOptions options) {
    try {
      return options.get(RtlExecutorProvider.STALLS).map(StallRates::parse).orElse(StallRates.NONE);
    } catch (IllegalArgumentException e) {
      throw new ExecutorUnavailableException("option " + RtlExecutorProvider.STALLS + ": " + e.getMessage());
    }
  }
}
