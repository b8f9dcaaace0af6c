package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InputKind;

/**
 * The shape of one PE's adder tree: SIMD leaves (XNOR bits, or signed bytes +/- x for u8 input)
 * summed in pairs over {@link PerformanceModel#adderLevels} levels. Level l holds ceil(SIMD / 2^l)
 * nodes of equal width, just wide enough for the sum of 2^l leaves (the root: of SIMD leaves), so
 * every addition is exact. Lowering and the cost model both read the tree from here.
 */
record AdderTree(boolean signed, int simd, int levels) {

  static AdderTree of(Engine engine, Fold fold) {
    return new AdderTree(engine.inputKind() == InputKind.U8, fold.simd(), PerformanceModel.adderLevels(fold));
  }

  /** Nodes at level {@code level} (level 0: the leaves). */
  int count(int level) {
    return (int) ((simd + (1L << level) - 1) >> level);
  }

  /** Bits of every node at level {@code level}. */
  int width(int level) {
    long leaves = level == levels ? simd : 1L << level;
    return signed ? IlToVerilog.signedWidth(-255 * leaves, 255 * leaves) : 64 - Long.numberOfLeadingZeros(leaves);
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
