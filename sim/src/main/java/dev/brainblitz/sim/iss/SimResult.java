package dev.brainblitz.sim.iss;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a run ended and what it cost. {@code code} is the exit status (EXIT), the failing test number
 * (TOHOST_FAIL) or 0; {@code stalls} gives the cycles beyond one per instruction, by cause.
 */
public record SimResult(Status status, int code, String message, long cycles, long instret,
    Map<StallCause, Long> stalls, long hostNanos) {
  public enum Status {
    /** tohost = 1, or exit(0). */
    PASS,
    /** tohost = odd v != 1 (test v >> 1 failed), or exit(status != 0). */
    FAIL,
    /** The cycle limit was reached. */
    CYCLE_LIMIT,
    /** A trap with no handler (mtvec = 0), an unsupported ecall or HTIF request. */
    ERROR
  }

  public SimResult {
    stalls = Map.copyOf(new EnumMap<>(stalls));
  }

  public boolean passed() {
    return status == Status.PASS;
  }

  public double cpi() {
    return instret == 0 ? 0 : (double) cycles / instret;
  }

  /** Simulated million instructions per host second. */
  public double mips() {
    return hostNanos == 0 ? 0 : instret * 1e3 / hostNanos;
  }

  public long stallCycles() {
    return stalls.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The one-line summary {@code blitz sim} prints. */
  public String summary() {
    String what = switch (status) {
      case PASS -> "PASS";
      case FAIL -> "FAIL (" + message + ")";
      case CYCLE_LIMIT -> "STOPPED (" + message + ")";
      case ERROR -> "ERROR (" + message + ")";
    };
    return String.format(Locale.ROOT, "%s: cycles=%d instret=%d CPI=%.3f (%.1f MIPS)", what, cycles, instret, cpi(), mips());
  }
}
