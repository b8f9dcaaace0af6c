package dev.brainblitz.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Parallel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fault-aware training: deterministic on any thread count, and the faults change what is learned. */
class FaultAwareTrainingTest {
  private static final ImageSet TRAIN = Synthetic.quadrants(300, 5);

  private static List<float[]> studentState(int threads, TrainingOptions.FaultTraining faults) {
    try (Parallel parallel = new Parallel(threads)) {
      var options = Synthetic.options(1, false, 9).withFaultAware(faults);
      return Trainer.trainStudent(TRAIN, null, null, options, parallel, new Trainer.Listener() {}).state();
    }
  }

  @Test
  void sameBitsWithAnyNumberOfThreadsAndDifferentFromOrdinaryTraining() {
    var faults = new TrainingOptions.FaultTraining(0.05, 0.05);
    List<float[]> one = studentState(1, faults);
    for (int threads : new int[] {2, 3}) {
      List<float[]> other = studentState(threads, faults);
      for (int k = 0; k < one.size(); k++) {
        assertArrayEquals(one.get(k), other.get(k), "array " + k + " with " + threads + " threads");
      }
    }
    List<float[]> ordinary = studentState(1, TrainingOptions.FaultTraining.NONE);
    assertFalse(Arrays.equals(one.get(0), ordinary.get(0)), "the faults change the first layer's weights");
  }

  @Test
  void parsesItsRatesAndRefusesOtherClasses() {
    assertEquals(new TrainingOptions.FaultTraining(1e-2, 0), TrainingOptions.FaultTraining.parse("weights=1e-2"));
    assertEquals("weights=1e-2,activations=1e-3",
        TrainingOptions.FaultTraining.parse("activations=1e-3,weights=1e-2").text());
    var e = assertThrows(DiagnosticException.class, () -> TrainingOptions.FaultTraining.parse("stuck0=1e-2"));
    assertEquals("DAT008", e.diagnostics().get(0).code().code());
  }
}
