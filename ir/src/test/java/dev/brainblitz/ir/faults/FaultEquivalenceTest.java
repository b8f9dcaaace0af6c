package dev.brainblitz.ir.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.EngineOptions;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.testing.GoldenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Same seed, same faults: the golden model and the engine agree bit for bit under every fault class. */
class FaultEquivalenceTest {
  static final FaultSpec EVERY_CLASS = new FaultSpec(Map.of(FaultClass.WEIGHTS, 0.05, FaultClass.THRESHOLDS, 0.05,
      FaultClass.STUCK0, 0.02, FaultClass.STUCK1, 0.02, FaultClass.INPUT, 0.02, FaultClass.ACTIVATIONS, 0.05), 11);

  static Stream<Network> networks() {
    List<Network> networks = new ArrayList<>();
    for (long seed = 0; seed < 30; seed++) {
      networks.add(RandomNetworks.network(seed));
      networks.add(RandomNetworks.convNetwork(seed));
    }
    return networks.stream();
  }

  @ParameterizedTest
  @MethodSource("networks")
  void goldenAndEngineAgreeUnderEveryFaultClass(Network network) {
    assertAgree(network, EVERY_CLASS, 24);
  }

  @ParameterizedTest
  @MethodSource("networks")
  void highActivationRatesAgreeToo(Network network) {
    assertAgree(network, new FaultSpec(Map.of(FaultClass.ACTIVATIONS, 0.5), 3), 8);
  }

  @Test
  void examplesAgreeUnderFaults() {
    for (String example : List.of("tiny.bil", "tiny-u8.bil", "mlp784.bil", "fashion-mlp.bil")) {
      Network network = ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/" + example));
      assertAgree(network, new FaultSpec(Map.of(FaultClass.WEIGHTS, 1e-2, FaultClass.THRESHOLDS, 1e-2,
          FaultClass.INPUT, 1e-3, FaultClass.ACTIVATIONS, 1e-2), 5), 40);
    }
  }

  /**
   * Runs golden and engine (on 3 threads, in two runs, so the vector index carries across runs)
   * on the faulty network and inputs and compares them; also checks faults changed something.
   */
  static void assertAgree(Network network, FaultSpec spec, int count) {
    List<InputVector> clean = RandomNetworks.vectors(network.hashCode(), network, count);
    List<InputVector> inputs = InputFaults.apply(spec, clean);
    Network faulty = StaticFaults.apply(spec, network);
    ExecutorOptions options = ExecutorOptions.DEFAULTS.with(spec.activations()).with(new EngineOptions(3));
    List<InferenceResult> golden = run("golden", faulty, options, inputs);
    List<InferenceResult> engine = run("engine", faulty, options, inputs);
    for (int i = 0; i < count; i++) {
      assertEquals(golden.get(i), engine.get(i), network.name() + " vector " + i + " under " + spec.text());
    }
    GoldenModel direct = new GoldenModel(faulty, spec.activations());
    assertEquals(golden.get(count - 1), direct.infer(inputs.get(count - 1), count - 1));
  }

  private static List<InferenceResult> run(String target, Network network, ExecutorOptions options,
      List<InputVector> inputs) {
    try (var executor = Executors.create(target, network, options)) {
      List<InferenceResult> results = new ArrayList<>(executor.run(inputs.subList(0, inputs.size() / 2)).results());
      results.addAll(executor.run(inputs.subList(inputs.size() / 2, inputs.size())).results());
      return results;
    }
  }

  @ParameterizedTest
  @MethodSource("networks")
  void zeroRatesAreNoFaultsBitForBit(Network network) {
    FaultSpec zero = new FaultSpec(Map.of(FaultClass.WEIGHTS, 0.0, FaultClass.ACTIVATIONS, 0.0), 9);
    assertSame(network, StaticFaults.apply(zero, network));
    List<InputVector> inputs = RandomNetworks.vectors(5, network, 10);
    assertSame(inputs, InputFaults.apply(zero, inputs));
    ExecutorOptions options = ExecutorOptions.DEFAULTS.with(zero.activations());
    assertEquals(run("golden", network, ExecutorOptions.DEFAULTS, inputs), run("engine", network, options, inputs));
    assertEquals(run("golden", network, ExecutorOptions.DEFAULTS, inputs), run("golden", network, options, inputs));
  }

  /** Faults do something: on fashion-mlp a weight rate of 0.2 changes scores, and the seed changes which. */
  @Test
  void faultsChangeResultsAndDependOnTheSeed() {
    Network network = ModelFiles.read(GoldenFiles.repoRoot().resolve("examples/models/fashion-mlp.bil"));
    Network a = StaticFaults.apply(FaultSpec.of(FaultClass.WEIGHTS, 0.2, 1), network);
    Network b = StaticFaults.apply(FaultSpec.of(FaultClass.WEIGHTS, 0.2, 2), network);
    assertNotEquals(network, a);
    assertNotEquals(a, b);
    assertEquals(a, StaticFaults.apply(FaultSpec.of(FaultClass.WEIGHTS, 0.2, 1), network));
    InputVector v = RandomNetworks.vectors(1, network, 1).get(0);
    assertNotEquals(new GoldenModel(network).infer(v), new GoldenModel(a).infer(v));
    ActivationFaults act = new ActivationFaults(0.3, 1);
    assertNotEquals(new GoldenModel(network).infer(v), new GoldenModel(network, act).infer(v, 0));
    assertNotEquals(new GoldenModel(network, act).infer(v, 0), new GoldenModel(network, act).infer(v, 1));
  }

  /** Hand-checked: a stuck-at-1 rate of 1 sets every weight bit; stuck0 and stuck1 together end at 1. */
  @Test
  void stuckAtOneEverywhereSetsEveryWeight() {
    Network network = RandomNetworks.network(4);
    Network stuck = StaticFaults.apply(new FaultSpec(Map.of(FaultClass.STUCK0, 1.0, FaultClass.STUCK1, 1.0), 1), network);
    var w = stuck.scores().weights();
    for (int r = 0; r < w.rows(); r++) {
      assertEquals(w.columns(), w.onesInRow(r));
    }
    Network zero = StaticFaults.apply(FaultSpec.of(FaultClass.STUCK0, 1.0, 1), network);
    assertTrue(zero.scores().weights().onesInRow(0) == 0);
  }
}
