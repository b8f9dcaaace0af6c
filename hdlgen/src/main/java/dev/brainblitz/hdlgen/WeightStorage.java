package dev.brainblitz.hdlgen;

import java.util.Locale;

/**
 * Where an engine keeps its weight words ({@code --weights}): in LUT ROM read in the same cycle
 * ({@link LutRomMemory}), in block RAM read through a register ({@link BlockRamMemory}: Yosys
 * infers {@code SB_RAM40_4K} on iCE40 and RAMB18/RAMB36 on Xilinx), or {@link #AUTO}, which picks
 * per engine by the size of its weight memory ({@link #resolve}), or in the iCE40 UP5K's single-port
 * RAM ({@link #SPRAM}, {@link SpramMemory}: {@code SB_SPRAM256KA} under {@code synth_ice40 -spram}),
 * which has no initial contents and is written at run time through the top's weight-load port
 * ({@link WeightLoad}). Every style keeps the engine's II and latency: the block RAM and the SPRAM
 * read the next issue's address one cycle ahead. Deep threshold and bias tables follow the weights
 * into block RAM ({@link #keepsTablesInRam}).
 */
public enum WeightStorage {
  AUTO, LUT, BRAM, SPRAM;

  /**
   * The smallest depth (issues per vector) at which {@link #AUTO} puts a weight memory in block RAM:
   * a shallower ROM is a handful of LUTs per bit (a LUT4 holds 16 words of one bit, a LUT6 64),
   * while it would still occupy a whole block (an {@code SB_RAM40_4K} is 256 x 16 at its widest).
   */
  public static final int AUTO_MIN_DEPTH = 128;

  /** The smallest size in bits at which {@link #AUTO} puts a weight memory in block RAM: one 4-kbit iCE40 block. */
  public static final long AUTO_MIN_BITS = 4096;

  /**
   * The fewest words (neuron folds) of the per-PE threshold, direction and bias tables that an
   * engine whose weights are in block RAM or SPRAM also keeps in block RAM
   * ({@link #keepsTablesInRam}): a table this deep costs about 20 LUT4s per bit in logic (256 words
   * of 20 bits, fashion-mlp's fc1 at PE 1: about 400 LUT4s), and fills a 256 x 16 block's depth.
   */
  public static final int TABLE_RAM_MIN_WORDS = 256;

  /**
   * Whether an engine whose weights are kept as this (resolved) storage keeps its per-PE tables of
   * {@code words} words in block RAM too, read through a register like the weights: for
   * {@link #BRAM} and {@link #SPRAM} from {@link #TABLE_RAM_MIN_WORDS} words on (the tables have
   * initial contents, so they never go to SPRAM).
   */
  public boolean keepsTablesInRam(long words) {
    return (this == BRAM || this == SPRAM) && words >= TABLE_RAM_MIN_WORDS;
  }

  /** The lower-case name used on the command line and in reports. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The storage named {@code keyword} ({@code auto}, {@code lut}, {@code bram} or {@code spram}). */
  public static WeightStorage parse(String keyword) {
    for (WeightStorage s : values()) {
      if (s.keyword().equals(keyword)) {
        return s;
      }
    }
    throw new IllegalArgumentException("--weights must be auto, lut, bram or spram, not '" + keyword + "'");
  }

  /**
   * The storage of a weight memory of {@code depth} words of {@code width} bits: this one, or for
   * {@link #AUTO} block RAM when the memory is at least {@link #AUTO_MIN_DEPTH} deep and holds at
   * least {@link #AUTO_MIN_BITS} bits, LUT ROM otherwise ({@link #AUTO} never picks {@link #SPRAM},
   * which needs the weight-load port). A one-word memory is always a constant (LUT).
   */
  public WeightStorage resolve(long depth, long width) {
    if (depth <= 1) {
      return LUT;
    }
    return switch (this) {
      case AUTO -> depth >= AUTO_MIN_DEPTH && depth * width >= AUTO_MIN_BITS ? BRAM : LUT;
      case LUT -> LUT;
      case BRAM -> BRAM;
      case SPRAM -> SPRAM;
    };
  }

  /** The storage of engine {@code e}'s weights under folding {@code f}. */
  public WeightStorage resolve(Engine e, Fold f) {
    return resolve(PerformanceModel.cycles(e, f), (long) f.pe() * f.simd());
  }
}
