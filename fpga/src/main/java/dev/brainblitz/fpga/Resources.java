package dev.brainblitz.fpga;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts of an FPGA's resources, used or available: LUTs (with a breakdown by input count where the
 * family has several sizes), flip-flops, carry cells (iCE40 SB_CARRY, Xilinx CARRY4), block RAM in
 * the family's unit ({@link Family#blockRamUnit()}), single-port RAM (iCE40 UP SPRAM), DSP blocks
 * and I/O pins. {@code lutsAsMemory} are the LUTs among {@code luts} that hold distributed RAM or
 * shift registers (Xilinx LUTRAM/SRL).
 */
public record Resources(long luts, SortedMap<Integer, Long> lutsBySize, long lutsAsMemory, long flipFlops,
    long carries, long blockRams, long singlePortRams, long dsps, long ios) {

  public Resources {
    lutsBySize = Collections.unmodifiableSortedMap(new TreeMap<>(lutsBySize));
  }

  /** Capacities of a device (no LUT breakdown). */
  public static Resources capacity(long luts, long flipFlops, long carries, long blockRams, long singlePortRams,
      long dsps, long ios) {
    return new Resources(luts, new TreeMap<>(), 0, flipFlops, carries, blockRams, singlePortRams, dsps, ios);
  }

  public static final Resources NONE = capacity(0, 0, 0, 0, 0, 0, 0);

  /** The sum of two counts (e.g. the resources of two modules). */
  public Resources plus(Resources other) {
    var sizes = new TreeMap<>(lutsBySize);
    other.lutsBySize.forEach((size, n) -> sizes.merge(size, n, Long::sum));
    return new Resources(luts + other.luts, sizes, lutsAsMemory + other.lutsAsMemory, flipFlops + other.flipFlops,
        carries + other.carries, blockRams + other.blockRams, singlePortRams + other.singlePortRams, dsps + other.dsps,
        ios + other.ios);
  }

  /** The same counts with {@code n} I/O pins. */
  public Resources withIos(long n) {
    return new Resources(luts, lutsBySize, lutsAsMemory, flipFlops, carries, blockRams, singlePortRams, dsps, n);
  }
}
