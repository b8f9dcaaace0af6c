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
 * {@code --weights auto} against a device: where a folding's LUT estimate exceeds the device, the
 * weight memories that {@link WeightStorage#AUTO} left in LUT ROM move to block RAM, the layer that
 * saves the most LUTs per block first, while the device's block RAMs last. SFC at II 16 on the
 * XC7Z020 is the case it is for: with every weight in LUT ROM its estimate exceeds the device, fc1's
 * weights would need more blocks than the device has, and fc2's, fc3's and out's in block RAM make
 * it fit (docs/fpga.md, "Weights against the device").
 */
public final class WeightPlacement {
  private WeightPlacement() {}

  /** One layer moved to block RAM: the LUTs its move saved and the blocks it took, both estimated. */
  public record Move(String layer, long lutsSaved, long blocks) {}

  /** The placed plan and the moves that made it, in order; no moves when the plan fits as it is or no placement makes it fit. */
  public record Placement(FoldingPlan plan, List<Move> moves) {
    public Placement {
      moves = List.copyOf(moves);
    }
  }

  /**
   * {@code plan} with its weights placed for a device of {@code capacity}: when its LUT estimate
   * times {@code lutScale} exceeds the device's LUTs, every layer whose move saves LUTs goes to block
   * RAM, the most LUTs saved per block first, while the device's blocks last. A LUT-bound device
   * has no use for idle blocks, and the margin left is for what the estimate does not count (the
   * shell around the engine, the estimate's error). Only layers whose storage {@code plan} leaves to
   * {@link WeightStorage#AUTO} and that it resolves to LUT ROM move. {@code plan} itself comes back
   * when it fits already, or when even the placement does not fit (the blocks would buy nothing).
   * Ties go to the earlier layer, so the result is deterministic.
   */
  public static Placement place(FoldingPlan plan, Family family, Resources capacity, double lutScale) {
    var fabric = CostCalibration.fabric(family);
    CostModel.Cost cost = CostModel.of(plan, fabric);
    if (plan.weights() != WeightStorage.AUTO || cost.luts() * lutScale <= capacity.luts()) {
      return new Placement(plan, List.of());
    }
    FoldingPlan original = plan;
    Map<String, WeightStorage> named = plan.layerWeights();
    var moves = new ArrayList<Move>();
    while (true) {
      FoldingPlan best = null;
      CostModel.Cost bestCost = null;
      Move bestMove = null;
      for (int i = 0; i < plan.engines().size(); i++) {
        String layer = plan.engines().get(i).name();
        if (named.containsKey(layer) || plan.weightStorage(i) != WeightStorage.LUT) {
          continue;
        }
        FoldingPlan moved = plan.withLayerWeights(with(plan.layerWeights(), layer));
        if (moved.weightStorage(i) != WeightStorage.BRAM) {
          continue; // a one-word memory stays a constant
        }
        CostModel.Cost movedCost = CostModel.of(moved, fabric);
        long saved = cost.luts() - movedCost.luts();
        long blocks = movedCost.blockRams() - cost.blockRams();
        if (saved <= 0 || movedCost.blockRams() > capacity.blockRams()) {
          continue;
        }
        Move move = new Move(layer, saved, blocks);
        if (bestMove == null || perBlock(move) > perBlock(bestMove)) {
          best = moved;
          bestCost = movedCost;
          bestMove = move;
        }
      }
      if (bestMove == null) {
        break;
      }
      plan = best;
      cost = bestCost;
      moves.add(bestMove);
    }
    return cost.luts() * lutScale <= capacity.luts() ? new Placement(plan, moves) : new Placement(original, List.of());
  }

  private static double perBlock(Move m) {
    return (double) m.lutsSaved() / Math.max(1, m.blocks());
  }

  private static Map<String, WeightStorage> with(Map<String, WeightStorage> byLayer, String layer) {
    var named = new TreeMap<>(byLayer);
    named.put(layer, WeightStorage.BRAM);
    return named;
  }

  /** The moves in words: "fc2 (3,030 LUTs saved for 114 block RAMs), fc3 (...)". */
  public static String describe(List<Move> moves) {
    var parts = new ArrayList<String>();
    for (Move m : moves) {
      parts.add(String.format(Locale.ROOT, "%s (%,d LUTs saved for %,d block RAM%s)", m.layer(), m.lutsSaved(),
          m.blocks(), m.blocks() == 1 ? "" : "s"));
    }
    return String.join(", ", parts);
  }
}
