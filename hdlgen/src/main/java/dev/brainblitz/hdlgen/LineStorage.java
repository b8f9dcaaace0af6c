package dev.brainblitz.hdlgen;

import java.util.Locale;

/**
 * Where a line buffer of {@link ConvWindow#LINE} keeps its rows ({@code --buffers}, also spelt
 * {@code --line-buffers}; the same choice places deep link FIFOs, {@link TopModule#linkInRam}, and a
 * stream port's input buffer, {@link #bufferInRam}): in a shift
 * register of flip-flops ({@link #REG}), or in block RAM ({@link #BRAM}: the K x K window taps stay
 * in registers, the Kh - 1 delay lines of Wp - Kw pixels between them share one synchronous-read
 * memory, which Yosys maps to {@code SB_RAM40_4K} on iCE40 and RAMB18 on Xilinx; see
 * {@link LineBuffer}), or {@link #AUTO}, which picks per line buffer by the size of its delay lines
 * ({@link #inRam}). Both forms shift at the same edges and give the same windows, so the timing
 * ({@link StreamTiming}) is the same.
 */
public enum LineStorage {
  AUTO, REG, BRAM;

  /**
   * The shortest delay line (Wp - Kw pixels) that {@link #AUTO} puts in block RAM: a shorter one is
   * a few flip-flops per bit, while its memory would still take a whole block per 16 bits of width.
   */
  public static final int AUTO_MIN_DELAY = 8;

  /**
   * The fewest delay-line bits ((Kh - 1) x (Wp - Kw) x C) that {@link #AUTO} puts in block RAM: a
   * quarter of a 4-kbit iCE40 block. Each bit kept out of the fabric is a logic cell on iCE40 (a
   * flip-flop of a shift chain takes a cell of its own), and long chains of such cells are what
   * nextpnr-ice40's placer stalls on (docs/fpga.md).
   */
  public static final long AUTO_MIN_BITS = 1024;

  /**
   * Whether the input buffer of a first engine that takes its vector beat by beat
   * ({@link InputPort#STREAM}) goes to block RAM as {@code slices} words of its SIMD elements, holding
   * {@code bits} in all: never for one slice (nothing to address), always for {@link #BRAM}
   * otherwise, and for {@link #AUTO} from {@link #AUTO_MIN_BITS} bits on (an 8-bit image of 784
   * pixels is 6,272 flip-flops and as many multiplexers in a register; in block RAM, a few blocks).
   */
  public boolean bufferInRam(int slices, long bits) {
    if (slices < 2) {
      return false;
    }
    return switch (this) {
      case AUTO -> bits >= AUTO_MIN_BITS;
      case REG -> false;
      case BRAM -> true;
    };
  }

  /**
   * Whether a link queue ({@link LinkQueue}) of {@code depth} entries of {@code width} bits goes to
   * block RAM: never for {@link #REG}, always for {@link #BRAM}, and for {@link #AUTO} when Yosys
   * would map its register form there anyway ({@link CostModel#yosysMapsToBlockRam}), so that what
   * the design asks for is what the netlist has.
   */
  public boolean queueInRam(int depth, int width) {
    return switch (this) {
      case AUTO -> CostModel.yosysMapsToBlockRam(depth, width);
      case REG -> false;
      case BRAM -> true;
    };
  }

  /** The lower-case name used on the command line. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The storage named {@code keyword} ({@code auto}, {@code reg} or {@code bram}), or null when there is none. */
  public static LineStorage parse(String keyword) {
    for (LineStorage s : values()) {
      if (s.keyword().equals(keyword)) {
        return s;
      }
    }
    return null;
  }

  /**
   * Whether a line buffer whose delay lines are {@code delay} pixels long and hold {@code bits} bits
   * in all goes to block RAM: never for a delay under 2 pixels (the window taps are the whole buffer,
   * as behind a flatten, or a one-pixel delay is a register) or a one-row kernel (no delay lines), always for {@link #BRAM} otherwise,
   * and for {@link #AUTO} when the delay is at least {@link #AUTO_MIN_DELAY} pixels and the bits at
   * least {@link #AUTO_MIN_BITS}.
   */
  public boolean inRam(int delay, long bits) {
    if (delay < 2 || bits == 0) {
      return false;
    }
    return switch (this) {
      case AUTO -> delay >= AUTO_MIN_DELAY && bits >= AUTO_MIN_BITS;
      case REG -> false;
      case BRAM -> true;
    };
  }
}
