package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.StreamTiming;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a board top's engine takes every byte its UART receives. The receiver holds a byte for
 * one cycle and the UART has no flow control, so behind {@link InputPort#STREAM} the first layer must
 * be ready for each byte in the cycle it arrives. {@link StreamTiming#pace} tells, from the same
 * cycle model that predicts the II, with bytes back to back from a host up to
 * {@value #HOST_FAST_PERCENT}% faster than the board's baud rate (a UART frame tolerates about that
 * much), and the host's stop and wait.
 */
final class UartPace {
  private UartPace() {}

  /** How much faster than the nominal baud rate the host may send, in percent. */
  static final int HOST_FAST_PERCENT = 3;

  /** Cycles between two bytes sent back to back by a host {@value #HOST_FAST_PERCENT}% fast. */
  static long byteInterval(int clocksPerBit) {
    return 10L * clocksPerBit * (100 - HOST_FAST_PERCENT) / 100;
  }

  /**
   * Why {@code plan}'s board top on {@code target} would lose bytes, or empty when it takes them
   * all (a vector port, whose shell collects the vector first, always does).
   */
  static Optional<String> problem(FoldingPlan plan, String networkName, FpgaTarget target) {
    if (target.board().isEmpty() || plan.port() != InputPort.STREAM) {
      return Optional.empty();
    }
    long interval = byteInterval(target.clocksPerBit());
    StreamTiming.Pace pace = StreamTiming.pace(plan, interval);
    if (pace.keepsUp()) {
      return Optional.empty();
    }
    long limit = Math.max(plan.initiationInterval(), interval) * 4;
    long shortest = StreamTiming.shortestInterval(plan, limit);
    String needs;
    if (shortest > limit) {
      needs = String.format(Locale.ROOT, "it does not keep up even with a byte every %,d cycles", limit);
    } else {
      int bitCycles = 1;
      // the first bit time whose byte interval the model confirms (the bisection assumes monotony)
      while (byteInterval(bitCycles) < shortest || !StreamTiming.pace(plan, byteInterval(bitCycles)).keepsUp()) {
        bitCycles++;
      }
      long baud = (long) Math.floor(target.clockMhz() * 1e6 / bitCycles);
      needs = String.format(Locale.ROOT, "it keeps up with a byte every %,d cycles or more, so at most %,d baud at"
          + " %.2f MHz (--baud)", shortest, baud, target.clockMhz());
    }
    String layer = plan.engines().get(0).name();
    return Optional.of(String.format(Locale.ROOT,
        "the %s's UART delivers a byte every %,d cycles (%,d baud at %.2f MHz, %d cycles per bit, less %d%% for a"
            + " fast host) and has no flow control, but %s, the first layer of %s behind --input-port stream, is not"
            + " ready for pixel (row %d, column %d) until %,d cycles after it arrives, so the board would lose it; %s."
            + " Fold %s and the layers right behind it faster, lower the baud rate, or use --input-port vector",
        target.board().get().boardName(), interval, target.baud(), target.clockMhz(), target.clocksPerBit(),
        HOST_FAST_PERCENT, layer, networkName, pace.lateRow(), pace.lateColumn(), pace.firstLateWait(), needs, layer));
  }
}
