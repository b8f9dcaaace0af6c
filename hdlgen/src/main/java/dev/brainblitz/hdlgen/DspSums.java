package dev.brainblitz.hdlgen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The adder-tree nodes of one engine that are summed in DSP slices ({@code --dsp-adders N}): how
 * many nodes of each level, counted over the PEs in order (PE 0's nodes first).
 *
 * <p>Such a node, of level l and width w, is the sum of its (up to four) grandchildren of level
 * l - 2, bypassing its two children of level l - 1. The grandchildren are packed into two w-bit
 * fields of two operands, {@code a = {g1, g0}} and {@code d = {g3, g2}}; {@code (a + d) * (1 + 2^w)}
 * then holds {@code g0 + g1 + g2 + g3} in bits [2w-1:w]. No field overflows: each field sum is at
 * most the node's own maximum, which w bits hold, so no carry crosses a field. Yosys maps that
 * expression to one Xilinx DSP48E1 (its pre-adder and multiplier, operands of at most 25 and 18
 * bits: hence w at most {@link #MAX_WIDTH}; Yosys leaves products under 9 bits in LUTs: hence w at
 * least {@link #MIN_WIDTH}) in place of three LUT adders; on a fabric without such slices it would
 * be a multiplier in LUTs, so only the Xilinx flow asks for it.
 *
 * <p>A node qualifies when its level l is at least 2, level l - 1 holds no pipeline register (the
 * bypass must not change the latency), its width is {@link #MIN_WIDTH} to {@link #MAX_WIDTH} bits, it has at least
 * three grandchildren and the tree sums XNOR bits (u8 trees sum signed bytes). The qualifying nodes
 * of a level are a prefix of it (only the last node of a level can have fewer grandchildren).
 */
record DspSums(List<Integer> perLevel) {

  /** No node in a DSP slice. */
  static final DspSums NONE = new DspSums(List.of());

  /** The widest node a DSP48E1 sums this way: two fields in a 25-bit signed operand. */
  static final int MAX_WIDTH = 12;

  /**
   * The narrowest: {@code synth_xilinx} maps a product of fewer than 9 bits (2w) to LUTs, not to a
   * DSP48E1 ({@code DSP_Y_MINWIDTH}).
   */
  static final int MIN_WIDTH = 5;

  DspSums {
    perLevel = List.copyOf(perLevel);
  }

  /** Nodes of level {@code level} summed in DSP slices, over all PEs. */
  int nodes(int level) {
    return level < perLevel.size() ? perLevel.get(level) : 0;
  }

  /** DSP slices this engine uses: one per node. */
  long slices() {
    return perLevel.stream().mapToLong(Integer::longValue).sum();
  }

  /** Whether node {@code j} of level {@code level} of PE {@code pe}'s tree is summed in a DSP slice. */
  boolean inDspSlice(AdderTree tree, int levelsPerStage, int level, int pe, int j) {
    int n = nodes(level);
    if (n == 0) {
      return false;
    }
    int eligible = eligible(tree, levelsPerStage, level);
    return j < eligible && (long) pe * eligible + j < n;
  }

  /** Bits of the LUT adders the DSP slices replace, over all PEs (the cost model's adder bits drop by as much). */
  long replacedAdderBits(AdderTree tree, int levelsPerStage) {
    long bits = 0;
    for (int level = 2; level < perLevel.size(); level++) {
      int eligible = eligible(tree, levelsPerStage, level);
      for (int k = 0; k < nodes(level); k++) {
        bits += nodeSaving(tree, level, k % eligible);
      }
    }
    return bits;
  }

  /** Bits of the adders node {@code j} of level {@code level} stands for: its own and its children's. */
  private static long nodeSaving(AdderTree tree, int level, int j) {
    int grandchildren = Math.min(4, tree.count(level - 2) - 4 * j);
    return tree.width(level) + tree.width(level - 1) + (grandchildren == 4 ? tree.width(level - 1) : 0);
  }

  /** Nodes of level {@code level} of one PE's tree that qualify (a prefix of the level), 0 if none does. */
  static int eligible(AdderTree tree, int levelsPerStage, int level) {
    if (tree.signed() || level < 2 || level > tree.levels() || AdderTree.registered(level - 1, tree.levels(), levelsPerStage)
        || tree.width(level) > MAX_WIDTH || tree.width(level) < MIN_WIDTH) {
      return 0;
    }
    int grandchildren = tree.count(level - 2);
    return grandchildren < 3 ? 0 : (grandchildren - 3) / 4 + 1;
  }

  /**
   * At most {@code budget} nodes over {@code trees} (one per engine, with its PEs), chosen where a
   * slice replaces the most adder bits: levels in that order (ties: earlier engine, then higher
   * level), each taking as many of its nodes as the budget has left. A level next to a chosen level
   * of the same tree is left out, since a node reads its grandchildren, which a chosen level above
   * them would not build.
   */
  static List<DspSums> allocate(List<AdderTree> trees, List<Integer> pes, int levelsPerStage, long budget) {
    record Level(int engine, int level, long nodes, long saving) {}
    var levels = new ArrayList<Level>();
    for (int i = 0; i < trees.size(); i++) {
      AdderTree tree = trees.get(i);
      for (int l = 2; l <= tree.levels(); l++) {
        int eligible = eligible(tree, levelsPerStage, l);
        if (eligible > 0) {
          levels.add(new Level(i, l, (long) eligible * pes.get(i), nodeSaving(tree, l, 0)));
        }
      }
    }
    levels.sort(Comparator.comparingLong(Level::saving).reversed().thenComparingInt(Level::engine)
        .thenComparing(Comparator.comparingInt(Level::level).reversed()));
    var chosen = new ArrayList<int[]>();
    for (AdderTree tree : trees) {
      chosen.add(new int[tree.levels() + 2]);
    }
    long left = budget;
    for (Level level : levels) {
      int[] taken = chosen.get(level.engine());
      if (left == 0 || taken[level.level() - 1] > 0 || taken[level.level() + 1] > 0) {
        continue;
      }
      long n = Math.min(left, level.nodes());
      taken[level.level()] = (int) n;
      left -= n;
    }
    return chosen.stream()
        .map(taken -> Arrays.stream(taken).allMatch(n -> n == 0) ? NONE : new DspSums(Arrays.stream(taken).boxed().toList()))
        .toList();
  }
}
