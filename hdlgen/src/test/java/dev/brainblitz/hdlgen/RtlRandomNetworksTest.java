package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random networks with random legal foldings (fully folded, fully parallel, and anything between,
 * dividing their layers or padded) and weights in LUT ROM, block RAM or SPRAM (loaded through the
 * weight-load port before the vectors): lint-clean, bit-exact with the golden model, and measured
 * II and latency equal to the analytical model's. Sizes are capped so a build stays small.
 */
class RtlRandomNetworksTest {
  static final int NETWORKS = Integer.getInteger("blitz.rtl.randomNetworks", 50);
  static final long MAX_CYCLES = 1500;
  static final long MAX_LANES = 128;

  /** A random legal folding of {@code e}, biased towards the extremes, within the size caps. */
  static Fold randomFold(Random random, Engine e) {
    int mh = e.outputs();
    int mw = e.inputs();
    for (int attempt = 0; attempt < 100; attempt++) {
      Fold f = switch (random.nextInt(4)) {
        case 0 -> new Fold(1, 1);
        case 1 -> new Fold(mh, mw);
        default -> new Fold(1 + random.nextInt(mh), 1 + random.nextInt(mw));
      };
      if (PerformanceModel.cycles(e, f) <= MAX_CYCLES && (long) f.pe() * f.simd() <= MAX_LANES) {
        return f;
      }
    }
    return FoldingPlan.cheapest(e, MAX_CYCLES);
  }

  /**
   * A random plan: random legal folds, a pipeline register every 1 to 4 adder levels, and the
   * weights in LUT ROM, in block RAM, in SPRAM or where {@code auto} puts them.
   */
  static FoldingPlan randomPlan(Random random, Network network) {
    List<Engine> engines = Engine.of(network);
    List<Fold> folds = new ArrayList<>();
    for (Engine e : engines) {
      folds.add(randomFold(random, e));
    }
    WeightStorage[] storages = WeightStorage.values();
    return new FoldingPlan(engines, folds, 1 + random.nextInt(FoldingPlan.DEFAULT_LEVELS_PER_STAGE),
        storages[random.nextInt(storages.length)]);
  }

  @Test
  void randomNetworksAreBitExactLintCleanAndMeetTheirII() throws Exception {
    RtlTesting.assumeVerilator();
    int sawPe1Simd1 = 0;
    int sawFullyParallel = 0;
    int deepestPipeline = 0;
    int blockRamEngines = 0;
    int lutRomEngines = 0;
    int spramEngines = 0;
    int bundle = 10;
    for (int first = 0; first < NETWORKS; first += bundle) {
      List<Network> networks = new ArrayList<>();
      List<FoldingPlan> plans = new ArrayList<>();
      List<List<dev.brainblitz.ir.InputVector>> vectors = new ArrayList<>();
      for (int seed = first; seed < Math.min(NETWORKS, first + bundle); seed++) {
        Network network = RandomNetworks.network(1000 + seed);
        FoldingPlan plan = randomPlan(new Random(seed), network);
        for (int i = 0; i < plan.engines().size(); i++) {
          Engine e = plan.engines().get(i);
          Fold f = plan.fold(i);
          sawPe1Simd1 += f.pe() == 1 && f.simd() == 1 ? 1 : 0;
          sawFullyParallel += f.pe() == e.outputs() && f.simd() == e.inputs() ? 1 : 0;
          deepestPipeline = Math.max(deepestPipeline, plan.pipelineStages(i));
          boolean memory = PerformanceModel.cycles(e, f) > 1;
          blockRamEngines += memory && plan.weightStorage(i) == WeightStorage.BRAM ? 1 : 0;
          lutRomEngines += memory && plan.weightStorage(i) == WeightStorage.LUT ? 1 : 0;
          spramEngines += memory && plan.weightStorage(i) == WeightStorage.SPRAM ? 1 : 0;
        }
        networks.add(network);
        plans.add(plan);
        vectors.add(RandomNetworks.vectors(seed, network, 24));
      }
      var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
      RtlTesting.assertTimingAsPredicted(networks, plans, measured);
    }
    int least = Math.min(10, NETWORKS / 5);
    assertTrue(blockRamEngines >= least && lutRomEngines >= least && spramEngines >= least, "weight memories of every style: "
        + blockRamEngines + " in block RAM, " + lutRomEngines + " in LUT ROM, " + spramEngines + " in SPRAM");
    assertTrue(deepestPipeline >= 3, "some adder trees are pipelined several stages deep: " + deepestPipeline);
    assertTrue(sawPe1Simd1 > 0 && sawFullyParallel > 0, "the foldings include PE=1/SIMD=1 and fully parallel layers: "
        + sawPe1Simd1 + ", " + sawFullyParallel);
  }
}
