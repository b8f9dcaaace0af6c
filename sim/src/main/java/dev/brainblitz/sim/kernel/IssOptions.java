package dev.brainblitz.sim.kernel;

import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.sim.iss.TimingModel;

/** The options of targets {@code iss:<isa>}: the timing model the cycles are counted with. */
public record IssOptions(TimingModel timing) implements ExecutorOptions.Backend {
  /** Cycles counted on the cv32e40p model. */
  public static final IssOptions DEFAULTS = new IssOptions(TimingModel.byName("cv32e40p").orElseThrow());
}
