package dev.brainblitz.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.io.ModelFormat;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Mlp;
import dev.brainblitz.train.nn.Parallel;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static final ImageSet TRAIN = Synthetic.quadrants(300, 5);

  private static List<float[]> studentState(int threads, long seed) {
    try (Parallel parallel = new Parallel(threads)) {
      var options = Synthetic.options(0.5, false, seed);
      Mlp teacher = Trainer.trainTeacher(TRAIN, null, options, parallel, new Trainer.Listener() {});
      return Trainer.trainStudent(TRAIN, null, teacher, options, parallel, new Trainer.Listener() {}).state();
    }
  }

  @Test
  void sameSeedSameWeightsWithAnyNumberOfThreads() {
    List<float[]> one = studentState(1, 9);
    for (int threads : new int[] {1, 2, 3, 7}) {
      List<float[]> other = studentState(threads, 9);
      assertEquals(one.size(), other.size());
      for (int k = 0; k < one.size(); k++) {
        assertArrayEquals(one.get(k), other.get(k), "array " + k + " with " + threads + " threads");
      }
    }
  }

  @Test
  void anotherSeedOtherWeights() {
    assertFalse(java.util.Arrays.equals(studentState(2, 9).get(0), studentState(2, 10).get(0)));
  }

  @Test
  void sameSeedSameModelFile() {
    String[] texts = new String[2];
    for (int k = 0; k < 2; k++) {
      try (Parallel parallel = new Parallel(k + 1)) {
        var result = Trainer.run("det", TRAIN, null, null, true, Synthetic.options(0.5, true, 4), parallel,
            new Trainer.Listener() {});
        texts[k] = ModelFiles.render(result.model(), ModelFormat.TEXT);
      }
    }
    assertEquals(texts[0], texts[1]);
  }
}
