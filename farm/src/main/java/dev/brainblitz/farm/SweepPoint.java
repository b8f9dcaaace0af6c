package dev.brainblitz.farm;

import java.io.Serializable;

/**
 * One folding on one device: its folds ({@link dev.brainblitz.hdlgen.FoldingPlan#describeFolds}:
 * {@code fc1=4,32 out=2,8}, and {@code ; weights fc1=bram} for weights not in LUT ROM, as {@code
 * blitz fpga} places them on the device), initiation interval and latency in cycles, the cost model's LUT, FF and ROM-bit estimates, the LUTs and FFs Yosys mapped the
 * engine to and nextpnr's Fmax when synthesized ({@code -1} and NaN when not), whether it fits,
 * and frames per second at the requested clock.
 */
public record SweepPoint(String device, long targetCycles, String folds, long initiationInterval, long latency,
    long estimatedLuts, long estimatedFlipFlops, long romBits, long measuredLuts, long measuredFlipFlops, double fmaxMhz,
    boolean fits, double framesPerSecond) implements Serializable {
  private static final long serialVersionUID = 1L;

  SweepPoint measured(long luts, long flipFlops, double fmax, boolean fitsDevice) {
    return new SweepPoint(device, targetCycles, folds, initiationInterval, latency, estimatedLuts, estimatedFlipFlops,
        romBits, luts, flipFlops, fmax, fitsDevice, framesPerSecond);
  }

  public boolean synthesized() {
    return measuredLuts >= 0;
  }

  /** The LUTs the Pareto front weighs: measured when synthesized, else the estimate. */
  public long luts() {
    return synthesized() ? measuredLuts : estimatedLuts;
  }
}
