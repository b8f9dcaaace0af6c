package dev.brainblitz.sim.iss;

import java.io.OutputStream;
import java.util.Objects;

/**
 * How to run a program: memory map, timing model, cycle limit, whether misaligned loads and stores
 * trap (default: performed, as most small cores' load-store units split them), where a7 = 64 writes
 * to fd 1 and 2 go, and an optional listener told of every retired instruction (trace, profile).
 */
public record SimConfig(MemoryMap memoryMap, TimingModel timing, long maxCycles, boolean trapMisaligned,
    OutputStream stdout, OutputStream stderr, RetireListener listener) {
  public SimConfig {
    Objects.requireNonNull(memoryMap, "memoryMap");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    if (maxCycles <= 0) {
      throw new IllegalArgumentException("the cycle limit must be positive, not " + maxCycles);
    }
  }

  public static final long DEFAULT_MAX_CYCLES = 10_000_000_000L;

  public static SimConfig defaults() {
    return new SimConfig(MemoryMap.DEFAULT, new IdealTiming(1), DEFAULT_MAX_CYCLES, false, OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream(), null);
  }

  public SimConfig withTiming(TimingModel t) {
    return new SimConfig(memoryMap, t, maxCycles, trapMisaligned, stdout, stderr, listener);
  }

  public SimConfig withMaxCycles(long n) {
    return new SimConfig(memoryMap, timing, n, trapMisaligned, stdout, stderr, listener);
  }

  public SimConfig withTrapMisaligned(boolean trap) {
    return new SimConfig(memoryMap, timing, maxCycles, trap, stdout, stderr, listener);
  }

  public SimConfig withOutput(OutputStream out, OutputStream err) {
    return new SimConfig(memoryMap, timing, maxCycles, trapMisaligned, out, err, listener);
  }

  public SimConfig withListener(RetireListener l) {
    return new SimConfig(memoryMap, timing, maxCycles, trapMisaligned, stdout, stderr, l);
  }

  public SimConfig withMemoryMap(MemoryMap m) {
    return new SimConfig(m, timing, maxCycles, trapMisaligned, stdout, stderr, listener);
  }
}
