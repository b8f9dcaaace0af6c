package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FmaxModel;
import java.util.Optional;

/**
 * What the flow builds for: a device in a package, the clock asked for, optionally a board (whose
 * device, package and oscillator then apply; a clock other than the oscillator's comes from the
 * PLL), the UART baud rate of the board top, and Yosys's iCE40 options {@code -spram} (map suitable
 * memories to the UltraPlus single-port RAMs) and {@code -dsp} (map multipliers to SB_MAC16).
 */
public record FpgaTarget(Device device, String packageName, double requestedMhz, Optional<Board> board, int baud,
    boolean spram, boolean dsp) {

  /** The clock asked for when none is given: the iCEBreaker's oscillator, the clock without a PLL. */
  public static final double DEFAULT_MHZ = 12.0;
  public static final int DEFAULT_BAUD = 115_200;

  public FpgaTarget {
    if (!device.packages().containsKey(packageName)) {
      throw new IllegalArgumentException("device " + device.name() + " has no package '" + packageName
          + "'; its packages: " + String.join(", ", device.packages().keySet()));
    }
    if (!(requestedMhz > 0 && requestedMhz <= 1000)) {
      throw new IllegalArgumentException("the clock must lie in (0, 1000] MHz, not " + requestedMhz);
    }
    if (board.isPresent() && !board.get().device().equals(device)) {
      throw new IllegalArgumentException("the " + board.get().boardName() + " carries a " + board.get().device().name()
          + ", not a " + device.name());
    }
    if (spram && device.capacity().singlePortRams() == 0) {
      throw new IllegalArgumentException("--spram: the " + device.name() + " has no SPRAM (only the up5k has)");
    }
    if (dsp && (device.family() != Family.ICE40 || device.capacity().dsps() == 0)) {
      throw new IllegalArgumentException("--dsp: the " + device.name() + " has no iCE40 DSP blocks (only the up5k has)");
    }
    if (board.isPresent()) {
      if (baud < 1) {
        throw new IllegalArgumentException("the baud rate must be positive, not " + baud);
      }
      double perBit = clockMhz(board, requestedMhz, device) * 1e6 / baud;
      long rounded = Math.round(perBit);
      if (rounded < 4 || Math.abs(rounded - perBit) / perBit > 0.02) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "%d baud from a %.3f MHz clock would be %.2f cycles per bit: the UART needs at least 4, within 2%%",
            baud, clockMhz(board, requestedMhz, device), perBit));
      }
    }
  }

  /** A target without a board, at the default package. */
  public static FpgaTarget of(Device device, double requestedMhz) {
    return new FpgaTarget(device, device.defaultPackage(), requestedMhz, Optional.empty(), DEFAULT_BAUD, false, false);
  }

  /** The target of a board, at its oscillator's clock unless {@code requestedMhz} asks for a PLL. */
  public static FpgaTarget of(Board board, double requestedMhz, int baud) {
    return new FpgaTarget(board.device(), board.packageName(), requestedMhz, Optional.of(board), baud, false, false);
  }

  public FpgaTarget withOptions(boolean spram, boolean dsp) {
    return new FpgaTarget(device, packageName, requestedMhz, board, baud, spram, dsp);
  }

  /**
   * The PLL settings, when a board's clock is asked to differ from its oscillator. Throws
   * {@link IllegalArgumentException} when no PLL setting reaches the asked clock.
   */
  public Optional<Ice40Pll> pll() {
    return pll(board, requestedMhz);
  }

  private static Optional<Ice40Pll> pll(Optional<Board> board, double requestedMhz) {
    if (board.isEmpty() || Math.abs(requestedMhz - board.get().oscillatorMhz()) < 1e-9) {
      return Optional.empty();
    }
    double osc = board.get().oscillatorMhz();
    return Optional.of(Ice40Pll.closest(osc, requestedMhz).orElseThrow(() -> new IllegalArgumentException(
        "no PLL setting makes " + requestedMhz + " MHz from the " + osc + " MHz oscillator (16 to 275 MHz)")));
  }

  /** The clock the design runs at: the PLL's output, else the asked clock. */
  public double clockMhz() {
    return clockMhz(board, requestedMhz, device);
  }

  private static double clockMhz(Optional<Board> board, double requestedMhz, Device device) {
    return pll(board, requestedMhz).map(Ice40Pll::outputMhz).orElse(requestedMhz);
  }

  /** Clock cycles per UART bit on the board. */
  public int clocksPerBit() {
    return (int) Math.round(clockMhz() * 1e6 / baud);
  }

  public Resources capacity() {
    return device.capacity(packageName);
  }

  /** The Fmax estimate's weights for this target's device ({@link Device#fmaxModel}); only where it is placed and routed. */
  public FmaxModel.Coefficients fmaxModel() {
    return device.fmaxModel().orElseThrow(() -> new IllegalStateException(
        "the open flow does not place and route the " + device.name() + ": no Fmax to estimate"));
  }
}
