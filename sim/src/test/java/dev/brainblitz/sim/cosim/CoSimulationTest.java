package dev.brainblitz.sim.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoSimulationTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void goldenAndEngineAgreeOnRandomNetworks(long seed) {
    var network = RandomNetworks.network(seed);
    var vectors = RandomNetworks.vectors(seed, network, 50);
    var outcome = CoSimulation.run(network, List.of("golden", "engine"), vectors, ExecutorOptions.DEFAULTS);
    assertTrue(outcome.agree());
    assertEquals(List.of("golden", "engine"), outcome.targets().stream().map(CoSimulation.TargetOutcome::target).toList());
    assertEquals(50, outcome.targets().get(1).report().results().size());
  }

  @Test
  void catchesEveryDifferenceAndNamesTheFirst() {
    var network = RandomNetworks.network(12);
    var vectors = RandomNetworks.vectors(12, network, 100);
    var outcome = CoSimulation.run(network, List.of("golden", "faulty:7", "engine"), vectors, ExecutorOptions.DEFAULTS);
    assertEquals(14, outcome.targets().get(1).mismatches());
    assertEquals(Optional.of(6), outcome.targets().get(1).firstMismatch());
    assertEquals(0, outcome.targets().get(2).mismatches());
    assertEquals(14, outcome.totalMismatches());
  }

  /** Long runs go in chunks; results stay in order across chunk borders and progress reaches the end. */
  @Test
  void chunkedRunsKeepOrderAndReportProgress() {
    var network = RandomNetworks.network(5);
    int count = CoSimulation.CHUNK * 2 + 17;
    var vectors = RandomNetworks.vectors(5, network, count);
    List<String> progress = new ArrayList<>();
    var outcome = CoSimulation.run(network, List.of("golden", "faulty:1000"), vectors, ExecutorOptions.DEFAULTS,
        (target, done, total) -> progress.add(target + " " + done + "/" + total));
    assertEquals(2, outcome.targets().get(1).mismatches());
    assertEquals(Optional.of(999), outcome.targets().get(1).firstMismatch());
    assertEquals(List.of("golden 1024/2065", "golden 2048/2065", "golden 2065/2065",
        "faulty:1000 1024/2065", "faulty:1000 2048/2065", "faulty:1000 2065/2065"), progress);
  }
}
