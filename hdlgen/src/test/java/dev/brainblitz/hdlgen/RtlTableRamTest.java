package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Deep threshold and bias tables in block RAM ({@link TableRam}, {@link WeightStorage#keepsTablesInRam}):
 * random MLPs whose layers have at least 256 neuron folds (PE 1), the weights in block RAM or
 * SPRAM, with and without adder-tree pipeline stages (the tail's next neuron fold comes from the
 * front or from the stage before the tail), u8 and bipolar inputs, with biases: bit-exact with the
 * golden model, measured II and latency equal to the model's, and bit-exact under random stalls.
 */
class RtlTableRamTest {
  @Test
  void deepTablesInBlockRamKeepTheEnginesExactAndOnTime() throws Exception {
    RtlTesting.assumeVerilator();
    List<Network> networks = new ArrayList<>();
    List<FoldingPlan> plans = new ArrayList<>();
    List<List<InputVector>> vectors = new ArrayList<>();
    WeightStorage[] storages = {WeightStorage.BRAM, WeightStorage.SPRAM, WeightStorage.BRAM, WeightStorage.SPRAM};
    int[] levels = {1, FoldingPlan.DEFAULT_LEVELS_PER_STAGE, FoldingPlan.DEFAULT_LEVELS_PER_STAGE, 1};
    for (int seed = 0; seed < storages.length; seed++) {
      Random random = new Random(700 + seed);
      InputKind kind = seed % 2 == 0 ? InputKind.U8 : InputKind.BIPOLAR;
      // fc1: 256 + k neurons at PE 1; out: 256 + j classes at PE 1 (the bias table in block RAM)
      int hidden = 256 + random.nextInt(40);
      int classes = seed < 2 ? 256 + random.nextInt(8) : 10;
      Network network = RandomNetworks.mlp("tables" + seed, random, kind, new int[] {5 + random.nextInt(20), hidden, classes},
          true);
      FoldingPlan plan = FoldingPlan.of(network, List.of("fc1=1," + (1 + random.nextInt(4)), "out=1," + (classes > 10 ? 16 + random.nextInt(17) : 1 + random.nextInt(8))),
          null).withWeights(storages[seed]).withLevelsPerStage(levels[seed]);
      for (int i = 0; i < plan.engines().size(); i++) {
        EngineShape shape = EngineShape.of(plan, i);
        boolean deep = shape.neuronFolds() >= WeightStorage.TABLE_RAM_MIN_WORDS;
        assertEquals(deep, plan.weightStorage(i).keepsTablesInRam(shape.neuronFolds()), network.name() + " engine " + i);
      }
      networks.add(network);
      plans.add(plan);
      vectors.add(RandomNetworks.vectors(seed, network, 6));
    }
    var stages = new java.util.TreeSet<Integer>();
    for (FoldingPlan plan : plans) {
      for (int i = 0; i < plan.engines().size(); i++) {
        EngineShape shape = EngineShape.of(plan, i);
        if (plan.weightStorage(i).keepsTablesInRam(shape.neuronFolds())) {
          stages.add(shape.stages());
        }
      }
    }
    assertTrue(stages.contains(0) && stages.last() > 1, "tables read for tails 0 and 2 or more stages behind: " + stages);
    var measured = RtlTesting.assertBundleBitExact(networks, plans, vectors, 0);
    RtlTesting.assertTimingAsPredicted(networks, plans, measured);
    RtlTesting.assertBundleBitExact(networks, plans, vectors, 0.4);
    var files = VerilogDesign.of(networks.get(0), plans.get(0)).files().keySet();
    assertTrue(files.containsAll(List.of("tables0_fc1_tables.hex", "tables0_out_tables.hex")), files.toString());
    assertFalse(WeightStorage.LUT.keepsTablesInRam(1000));
  }
}
