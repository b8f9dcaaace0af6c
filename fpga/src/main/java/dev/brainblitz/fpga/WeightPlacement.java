package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.CostModel;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.WeightStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --weights auto} against a device: where a folding's LUT estimate exceeds the device, or
 * comes within {@link #HEADROOM} of it, the weight memories that {@link WeightStorage#AUTO} left in
 * LUT ROM move to block RAM, the layers that together save the most LUTs within the device's block
 * RAMs. SFC at II 16 on the
 * XC7Z020 is the case it is for: with every weight in LUT ROM its estimate exceeds the device, fc1's
 * weights would need more blocks than the device has, and fc2's, fc3's and out's in block RAM make
 * it fit (docs/fpga.md, "Weights against the device").
 */
public final class WeightPlacement {
  private WeightPlacement() {}

  /**
   * How close to the device's LUTs an estimate may come before weights move: 20%, the error the
   * estimate is calibrated to (docs/hdl.md, "Calibration": |estimate / measured - 1| at most 0.2, so
   * Yosys may count up to 1.25 times the estimate). Weights move when the estimate is above 80% of
   * the device's LUTs. A design estimated at 98% of the device fits on paper, and at the estimate's
   * error may not in Yosys; where it does, the LUTs are still scarce: SFC at II 16 with 220 DSP sums
   * on the XC7Z020 (estimate 52,129 of 53,200 LUTs) measured 52,577 LUTs with its weights in LUT ROM
   * and 44,126 (16% fewer) with fc2, fc3 and out in block RAM.
   */
  public static final double HEADROOM = 0.2;

  /** One layer moved to block RAM: the LUTs its move saved and the blocks it took, both estimated. */
  public record Move(String layer, long lutsSaved, long blocks) {}

  /**
   * The placed plan and the moves that made it, in layer order; no moves when the plan fits as it is
   * or no placement makes it fit. {@code estimatedLuts}: the LUT estimate (times the scale) of the
   * plan as given, before any move.
   */
  public record Placement(FoldingPlan plan, List<Move> moves, long estimatedLuts) {
    public Placement {
      moves = List.copyOf(moves);
    }
  }

  /**
   * {@code plan} with its weights placed for {@code target}'s device: when its LUT estimate times
   * {@code lutScale} exceeds the device's LUTs, or comes within {@link #HEADROOM} of them (is above
   * 80% of them; also after a build has taught {@code lutScale}, which corrects one folding's ratio,
   * not the next one's error), the layers whose moves to block RAM save the most
   * LUTs in all within the device's free blocks go there (a 0/1 knapsack over the layers, each
   * move's saving and blocks estimated alone; the moves do not interact, as the estimate is a sum
   * over the engines). A LUT-bound device has no use for idle blocks, and the margin left is for
   * what the estimate does not count (the shell around the engine, the estimate's error). Only
   * layers whose storage {@code plan} leaves to {@link WeightStorage#AUTO} and that it resolves to
   * LUT ROM move. {@code plan} itself comes back when it fits already with the headroom, or when
   * even the placement does not fit (the blocks would buy nothing). Deterministic: among equal savings the fewest
   * blocks; among equal savings and blocks, the later layers stay in LUT ROM.
   */
  public static Placement place(FoldingPlan plan, FpgaTarget target, double lutScale) {
    Family family = target.device().family();
    Resources capacity = target.capacity();
    CostModel.Cost cost = FpgaReport.estimate(plan, family);
    long estimatedLuts = Math.round(cost.luts() * lutScale);
    if (plan.weights() != WeightStorage.AUTO || cost.luts() * lutScale <= capacity.luts() * (1 - HEADROOM)) {
      return new Placement(plan, List.of(), estimatedLuts);
    }
    var candidates = new ArrayList<Move>();
    for (int i = 0; i < plan.engines().size(); i++) {
      String layer = plan.engines().get(i).name();
      if (plan.layerWeights().containsKey(layer) || plan.weightStorage(i) != WeightStorage.LUT) {
        continue;
      }
      FoldingPlan moved = plan.withLayerWeights(with(plan.layerWeights(), List.of(layer)));
      if (moved.weightStorage(i) != WeightStorage.BRAM) {
        continue; // a one-word memory stays a constant
      }
      CostModel.Cost movedCost = FpgaReport.estimate(moved, family);
      long saved = cost.luts() - movedCost.luts();
      if (saved > 0) {
        candidates.add(new Move(layer, saved, Math.max(0, movedCost.blockRams() - cost.blockRams())));
      }
    }
    List<Move> moves = mostSaved(candidates, capacity.blockRams() - cost.blockRams());
    if (moves.isEmpty()) {
      return new Placement(plan, List.of(), estimatedLuts);
    }
    FoldingPlan placed = plan.withLayerWeights(with(plan.layerWeights(), moves.stream().map(Move::layer).toList()));
    CostModel.Cost placedCost = FpgaReport.estimate(placed, family);
    return placedCost.luts() * lutScale <= capacity.luts() && placedCost.blockRams() <= capacity.blockRams()
        ? new Placement(placed, moves, estimatedLuts) : new Placement(plan, List.of(), estimatedLuts);
  }

  /** The moves, in layer order, that save the most LUTs within {@code freeBlocks} (0/1 knapsack over the blocks). */
  static List<Move> mostSaved(List<Move> candidates, long freeBlocks) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    // more free blocks than all the moves take change nothing, so the table is at most that wide
    long allBlocks = candidates.stream().mapToLong(Move::blocks).sum();
    int width = (int) Math.min(Math.max(0, freeBlocks), allBlocks) + 1;
    // saved[b]: the most LUTs saved with at most b blocks by the candidates so far; chosen[k][b]: whether that takes candidate k
    long[] saved = new long[width];
    boolean[][] chosen = new boolean[candidates.size()][width];
    for (int k = 0; k < candidates.size(); k++) {
      Move m = candidates.get(k);
      for (int b = width - 1; b >= m.blocks(); b--) {
        long with = saved[(int) (b - m.blocks())] + m.lutsSaved();
        if (with > saved[b]) {
          saved[b] = with;
          chosen[k][b] = true;
        }
      }
    }
    // the fewest blocks that reach the most saved
    int b = 0;
    while (saved[b] < saved[width - 1]) {
      b++;
    }
    var moves = new ArrayList<Move>();
    for (int k = candidates.size() - 1; k >= 0; k--) {
      if (chosen[k][b]) {
        moves.add(0, candidates.get(k));
        b -= (int) candidates.get(k).blocks();
      }
    }
    return moves;
  }

  private static Map<String, WeightStorage> with(Map<String, WeightStorage> byLayer, List<String> layers) {
    var named = new TreeMap<>(byLayer);
    layers.forEach(layer -> named.put(layer, WeightStorage.BRAM));
    return named;
  }

  /**
   * Why and what {@code placement} ({@link #place}) moved for {@code target}, as {@code blitz fpga} prints it: "weights
   * placed for the xc7z020: with --weights auto's choices the estimate is 56,545 LUTs, over its
   * 53,200, so these layers keep their weights in block RAM instead: fc2 (...), ...", or "within 20%
   * (the estimate's calibrated error) of its 20,800" when the estimate fits but without the headroom.
   */
  public static String explain(Placement placement, FpgaTarget target) {
    long estimate = placement.estimatedLuts();
    long luts = target.capacity().luts();
    String where = estimate > luts ? "over"
        : String.format(Locale.ROOT, "within %.0f%% (the estimate's calibrated error) of", HEADROOM * 100);
    return String.format(Locale.ROOT, "weights placed for the %s: with --weights auto's choices the estimate is %,d LUTs, "
        + "%s its %,d, so these layers keep their weights in block RAM instead: %s", target.device().name(), estimate, where,
        luts, describe(placement.moves()));
  }

  /** The moves in words: "fc2 (3,030 LUTs saved for 114 block RAMs), fc3 (...)". */
  private static String describe(List<Move> moves) {
    var parts = new ArrayList<String>();
    for (Move m : moves) {
      parts.add(String.format(Locale.ROOT, "%s (%,d LUTs saved for %,d block RAM%s)", m.layer(), m.lutsSaved(),
          m.blocks(), m.blocks() == 1 ? "" : "s"));
    }
    return String.join(", ", parts);
  }
}
