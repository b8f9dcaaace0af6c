package dev.brainblitz.ir.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.EngineExecutorProvider;
import dev.brainblitz.ir.golden.GoldenExecutorProvider;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-process targets are found through {@link java.util.ServiceLoader} and report what they measured. */
class ExecutorsTest {

  @Test
  void goldenAndEngineAreRegistered() {
    List<String> names = Executors.providers().stream().map(p -> p.getClass().getName()).toList();
    assertTrue(names.contains(GoldenExecutorProvider.class.getName()), names.toString());
    assertTrue(names.contains(EngineExecutorProvider.class.getName()), names.toString());
    assertTrue(Executors.knownTargets().containsAll(List.of("golden", "engine")), Executors.knownTargets().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void aTargetRunsEveryVectorInOrder(String target) {
    Network network = RandomNetworks.network(12);
    List<InputVector> vectors = RandomNetworks.vectors(12, network, 25);
    try (Executor executor = Executors.create(target, network, ExecutorOptions.DEFAULTS)) {
      assertEquals(target, executor.target());
      ExecutionReport report = executor.run(vectors);
      assertEquals(vectors.stream().map(new GoldenModel(network)::infer).toList(), report.results());
      List<String> metricKeys = report.metrics().stream().map(m -> m.key() + " " + m.unit()).toList();
      assertEquals(target.equals("engine") ? List.of("time MICROSECONDS_PER_INFERENCE") : List.of(), metricKeys);
    }
  }

  @Test
  void anUnknownTargetNamesTheKnownOnes() {
    var thrown = assertThrows(ExecutorUnavailableException.class,
        () -> Executors.create("fpga", RandomNetworks.network(1), ExecutorOptions.DEFAULTS));
    assertTrue(thrown.getMessage().startsWith("unknown target 'fpga'; known targets: "), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("golden") && thrown.getMessage().contains("engine"), thrown.getMessage());
  }
}
