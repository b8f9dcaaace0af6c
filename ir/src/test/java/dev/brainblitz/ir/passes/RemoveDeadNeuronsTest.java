package dev.brainblitz.ir.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.floats.FloatReference;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomFloatModels;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RemoveDeadNeuronsTest {
  private static final RemoveDeadNeurons PASS = new RemoveDeadNeurons();

  static LongStream seeds() {
    return LongStream.range(0, 250);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void removesExactlyTheDeadNeuronsAndKeepsEveryOutput(long seed) {
    Random random = new Random(seed);
    Network original = withDeadNeurons(RandomNetworks.network(seed), random);
    Network pruned = PASS.apply(original);
    assertArrayEquals(expectedWidths(original), widths(pruned), "hidden widths of seed " + seed);
    GoldenModel before = new GoldenModel(original);
    GoldenModel after = new GoldenModel(pruned);
    for (InputVector vector : RandomNetworks.vectors(seed, original, 40)) {
      assertEquals(before.infer(vector), after.infer(vector), "seed " + seed);
    }
    assertEquals(pruned, PASS.apply(pruned), "a second application changed the model of seed " + seed);
  }

  /** Folded float models have many constant neurons (zero gamma, far means): pruning must keep their scores. */
  @ParameterizedTest
  @MethodSource("seeds")
  void prunedFoldedFloatModelsStillMatchTheFloatReference(long seed) {
    FloatModel model = RandomFloatModels.model(seed);
    Network pruned = PASS.apply(new FoldBatchNorm().apply(model));
    Random random = new Random(seed);
    for (int i = 0; i < 20; i++) {
      InputVector input = RandomFloatModels.vector(random, model);
      assertEquals(FloatReference.run(model, input).result(), new GoldenModel(pruned).infer(input), "seed " + seed);
    }
  }

  @Test
  void foldsARemovedNeuronIntoTheScores() {
    // Neuron 2 of act1 (ge 0 over a popcount) is always 1. Score row 0 = 0b101 has weight +1 there,
    // so it loses one agreement and its bias gains 1; row 1 = 0b010 has -1 there and keeps its bias.
    Network model = model(new long[] {3, 2, 0}, new Direction[] {Direction.GE, Direction.LE, Direction.GE});
    Model expected = new Model("tiny", List.of(
        new Node.Input("x", InputKind.BIPOLAR, 5),
        new Node.Dense("fc1", "x", BitMatrix.fromPackedRows(5, new int[][] {{0x15}, {0x0a}})),
        new Node.Threshold("act1", "fc1", ThresholdTable.of(new long[] {3, 2}, new Direction[] {Direction.GE, Direction.LE})),
        new Node.Scores("out", "act1", BitMatrix.fromPackedRows(2, new int[][] {{0x1}, {0x2}}), List.of(2, -1))));
    assertEquals(expected, PASS.apply(model).model());
  }

  @Test
  void leavesAModelWithoutDeadNeuronsAlone() {
    Network model = model(new long[] {3, 2, 1}, new Direction[] {Direction.GE, Direction.LE, Direction.GE});
    assertSame(model, PASS.apply(model));
  }

  @Test
  void keepsOneNeuronOfAnAllDeadLayer() {
    Network model = model(new long[] {6, -1, 5}, new Direction[] {Direction.GE, Direction.LE, Direction.LE});
    Network pruned = PASS.apply(model);
    assertArrayEquals(new int[] {1}, widths(pruned));
    for (InputVector vector : RandomNetworks.vectors(1, pruned, 32)) {
      assertEquals(new GoldenModel(model).infer(vector), new GoldenModel(pruned).infer(vector));
    }
  }

  @Test
  void isRegisteredByName() {
    assertSame(RemoveDeadNeurons.class, Passes.named("remove-dead-neurons").orElseThrow().getClass());
    assertEquals(Passes.all().size(), Passes.all().stream().map(ModelPass::name).distinct().count());
    assertTrue(Passes.all().stream().allMatch(p -> !p.summary().isBlank()));
  }

  /** The documented example model with the given thresholds for act1. */
  private static Network model(long[] thresholds, Direction[] directions) {
    return ModelValidator.validate(new Model("tiny", List.of(
        new Node.Input("x", InputKind.BIPOLAR, 5),
        new Node.Dense("fc1", "x", BitMatrix.fromPackedRows(5, new int[][] {{0x15}, {0x0a}, {0x1f}})),
        new Node.Threshold("act1", "fc1", ThresholdTable.of(thresholds, directions)),
        new Node.Scores("out", "act1", BitMatrix.fromPackedRows(3, new int[][] {{0x5}, {0x2}}), List.of(1, -1)))));
  }

  private static int[] widths(Network network) {
    return network.layers().stream().mapToInt(Layer::outputs).toArray();
  }

  /**
   * {@code network} with about a third of its hidden neurons given thresholds that make them
   * constant (and, now and then, a whole layer), in each of the four ways a threshold can.
   */
  private static Network withDeadNeurons(Network network, Random random) {
    List<Node> nodes = new ArrayList<>(network.model().nodes());
    for (int k = 0; k < network.layers().size(); k++) {
      DenseLayer layer = (DenseLayer) network.layers().get(k);
      ThresholdTable table = layer.threshold().table();
      boolean wholeLayer = random.nextInt(12) == 0;
      long[] t = new long[layer.outputs()];
      Direction[] d = new Direction[layer.outputs()];
      for (int j = 0; j < t.length; j++) {
        t[j] = table.threshold(j);
        d[j] = table.direction(j);
        if (wholeLayer || random.nextInt(3) == 0) {
          long[] range = rowRange(layer.inputKind(), layer.dense().weights(), j);
          long legalLo = Accumulator.minThreshold(layer.inputKind(), layer.inputs());
          long legalHi = Accumulator.maxThreshold(layer.inputKind(), layer.inputs());
          switch (random.nextInt(4)) {
            case 0 -> { d[j] = Direction.GE; t[j] = between(random, legalLo, range[0]); }        // always 1
            case 1 -> { d[j] = Direction.GE; t[j] = between(random, range[1] + 1, legalHi); }   // always 0
            case 2 -> { d[j] = Direction.LE; t[j] = between(random, range[1], legalHi); }       // always 1
            default -> { d[j] = Direction.LE; t[j] = between(random, legalLo, range[0] - 1); }  // always 0
          }
        }
      }
      var threshold = layer.threshold();
      nodes.set(nodes.indexOf(threshold), new Node.Threshold(threshold.name(), threshold.source(), ThresholdTable.of(t, d)));
    }
    return ModelValidator.validate(new Model(network.name(), nodes));
  }

  private static long between(Random random, long lo, long hi) {
    return lo + (long) (random.nextDouble() * (hi - lo + 1));
  }

  /** The accumulators row j can reach: [0, n] over bits, [-255 (weights -1), 255 (weights +1)] over bytes. */
  private static long[] rowRange(InputKind kind, BitMatrix weights, int j) {
    int ones = weights.onesInRow(j);
    return kind == InputKind.BIPOLAR
        ? new long[] {0, weights.columns()}
        : new long[] {-255L * (weights.columns() - ones), 255L * ones};
  }

  /**
   * The widths the pass must leave, found another way: by interval reasoning on the original
   * accumulators. Inputs that are constant (removed neurons of the layer before) contribute a fixed
   * number of agreements c to a row, the others anything in [0, variable], so the accumulator lies
   * in [c, c + variable]; a neuron is dead when its threshold test agrees at both ends. A layer
   * whose neurons are all dead keeps its first neuron, which its reader then sees as variable.
   */
  private static int[] expectedWidths(Network network) {
    Map<Integer, Boolean> constantInputs = new HashMap<>();
    int[] widths = new int[network.layers().size()];
    for (int k = 0; k < widths.length; k++) {
      DenseLayer layer = (DenseLayer) network.layers().get(k);
      BitMatrix weights = layer.dense().weights();
      Map<Integer, Boolean> constants = new HashMap<>();
      for (int j = 0; j < layer.outputs(); j++) {
        long lo;
        long hi;
        if (layer.inputKind() == InputKind.U8) {
          long[] range = rowRange(InputKind.U8, weights, j);
          lo = range[0];
          hi = range[1];
        } else {
          long fixed = 0;
          for (var input : constantInputs.entrySet()) {
            fixed += weights.get(j, input.getKey()) == input.getValue() ? 1 : 0;
          }
          lo = fixed;
          hi = fixed + layer.inputs() - constantInputs.size();
        }
        Direction d = layer.threshold().table().direction(j);
        long t = layer.threshold().table().threshold(j);
        if (d.passes(lo, t) == d.passes(hi, t)) {
          constants.put(j, d.passes(lo, t));
        }
      }
      if (constants.size() == layer.outputs()) {
        constants.remove(0);
      }
      widths[k] = layer.outputs() - constants.size();
      constantInputs = constants;
    }
    return widths;
  }
}
