package dev.brainblitz.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.train.Evaluation;
import dev.brainblitz.train.data.Dataset;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped fault-aware Fashion-MNIST model: exact accuracies measured when it was trained (a
 * regression check of the file and of inference), and the command that reproduces it.
 */
class FashionMlpFaultAwareTest {
  /** Correct predictions on the bundled first 1,000 test images. */
  static final int SLICE_CORRECT = 886;
  /** Correct predictions on the full 10,000-image test set (the training summary). */
  static final int TEST_CORRECT = 8891;

  static final String COMMAND = "./blitz train --dataset fashion-mnist --arch 784-256-256-10 --epochs 30 --alpha 1"
      + " --fault-aware weights=1e-2,activations=1e-3 --seed 1 -o examples/models/fashion-mlp-fault-aware.bil";

  @Test
  void exactAccuracyOnTheBundledSlice() {
    try (Parallel parallel = new Parallel(2)) {
      var evaluation = Evaluation.of(Examples.FASHION_MLP_FAULT_AWARE.network(), Examples.fashionTestSlice(), parallel);
      assertEquals(SLICE_CORRECT, evaluation.correct());
    }
  }

  @Test
  void exactAccuracyOnTheFullTestSet() {
    Assumptions.assumeTrue(FashionSliceTest.datasetInstalled(), "SKIPPED: Fashion-MNIST is not installed (sudo apt-get"
        + " install " + Dataset.FASHION_MNIST.debianPackage() + "); the full-test-set accuracy is unchecked");
    ImageSet test = Dataset.FASHION_MNIST.load(null, Dataset.Split.TEST);
    try (Parallel parallel = Parallel.allCores()) {
      assertEquals(TEST_CORRECT, Evaluation.of(Examples.FASHION_MLP_FAULT_AWARE.network(), test, parallel).correct());
    }
  }

  @Test
  void theFileAndTheReadmeNameTheCommandThatReproducesIt() throws IOException {
    String first = Examples.FASHION_MLP_FAULT_AWARE.text().lines().findFirst().orElseThrow();
    assertEquals("# blitz train --dataset fashion-mnist --arch 784-256-256-10 --epochs 30 --alpha 1.0 --temperature 4.0"
        + " --fault-aware weights=1e-2,activations=1e-3 --batch 100 --lr 0.005 --seed 1", first);
    String readme = Files.readString(GoldenFiles.repoRoot().resolve("README.md"));
    assertTrue(readme.contains(COMMAND), "README");
  }
}
