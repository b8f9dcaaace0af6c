package dev.brainblitz.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.io.ModelFormat;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Trainable;
import dev.brainblitz.train.nn.Parallel;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  private static final ImageSet TRAIN = Synthetic.quadrants(300, 5);

  private static List<float[]> studentState(int threads, long seed) {
    try (Parallel parallel = new Parallel(threads)) {
      var options = Synthetic.options(0.5, false, seed);
      Trainable teacher = Trainer.trainTeacher(TRAIN, null, options, parallel, new Trainer.Listener() {});
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

  /** A distilled CNN with augmentation: the same bits with 1, 2 and 3 threads. */
  @Test
  void convolutionalStudentsAreTheSameBitsWithAnyNumberOfThreads() {
    ImageSet images = Synthetic.quadrants8(120, 6);
    List<float[]> first = null;
    String firstFile = null;
    for (int threads : new int[] {1, 2, 3}) {
      try (Parallel parallel = new Parallel(threads)) {
        var options = Synthetic.cnnOptions("c4-p-c6+-f8-4", 0.5, false, true, 5);
        var result = Trainer.runCnn("det", images, null, null, true, options, parallel, new Trainer.Listener() {});
        List<float[]> state = result.student().state();
        state = new java.util.ArrayList<>(state);
        state.addAll(result.teacher().state());
        String file = dev.brainblitz.train.cnn.BinaryCnnFile.render(result.network(), List.of());
        if (first == null) {
          first = state;
          firstFile = file;
          continue;
        }
        assertEquals(first.size(), state.size());
        for (int k = 0; k < first.size(); k++) {
          assertArrayEquals(first.get(k), state.get(k), "array " + k + " with " + threads + " threads");
        }
        assertEquals(firstFile, file);
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
