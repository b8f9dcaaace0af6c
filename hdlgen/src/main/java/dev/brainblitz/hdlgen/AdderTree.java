package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.InputKind;

/**
 * The shape of one PE's adder tree: SIMD leaves (XNOR bits, or signed bytes +/- x for u8 input)
 * summed in pairs over {@link PerformanceModel#adderLevels} levels. Level l holds ceil(SIMD / 2^l)
 * nodes of equal width, just wide enough for the sum of 2^l leaves (the root: of SIMD leaves), so
 * every addition is exact. Lowering and the cost model both read the tree from here.
 */
record AdderTree(InputKind kind, int simd, int levels) {

  static AdderTree of(Engine engine, Fold fold) {
    return new AdderTree(engine.inputKind(), fold.simd(), PerformanceModel.adderLevels(fold));
  }

  /** Whether the leaves are signed bytes (u8 input) rather than XNOR bits. */
  boolean signed() {
    return kind == InputKind.U8;
  }

  /** Nodes at level {@code level} (level 0: the leaves). */
  int count(int level) {
    return (int) ((simd + (1L << level) - 1) >> level);
  }

  /** Bits of every node at level {@code level}: the accumulator range of its leaves ({@link Accumulator}). */
  int width(int level) {
    int leaves = level == levels ? simd : 1 << level;
    return signed() ? Widths.signedWidth(Accumulator.min(kind, leaves), Accumulator.max(kind, leaves))
        : Widths.unsignedWidth(Accumulator.max(kind, leaves));
  }

  /** Whether a pipeline register holds level {@code level} (every {@code levelsPerStage} levels, never the root). */
  static boolean registered(int level, int levels, int levelsPerStage) {
    return level > 0 && level < levels && level % levelsPerStage == 0;
  }

  /** Bits of pipeline registers in this tree (data only) for {@code levelsPerStage}. */
  long registerBits(int levelsPerStage) {
    long bits = 0;
    for (int l = 1; l < levels; l++) {
      if (registered(l, levels, levelsPerStage)) {
        bits += (long) count(l) * width(l);
      }
    }
    return bits;
  }
}
