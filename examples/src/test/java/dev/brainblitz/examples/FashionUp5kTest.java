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
 * The shipped Fashion-MNIST model for the block RAM of an iCE40 UP5K: exact accuracies measured when
 * it was trained (a regression check of the file and of inference), and the command that reproduces it.
 */
class FashionUp5kTest {
  /** Correct predictions on the bundled first 1,000 test images. */
  static final int SLICE_CORRECT = 815;
  /** Correct predictions on the full 10,000-image test set (the training summary). */
  static final int TEST_CORRECT = 8116;

  static final String COMMAND = "./blitz train --dataset fashion-mnist --arch 784-64-64-10 --epochs 30 --alpha 1"
      + " --binarized-input --seed 1 -o examples/models/fashion-up5k.bil";

  @Test
  void exactAccuracyOnTheBundledSlice() {
    try (Parallel parallel = new Parallel(2)) {
      var evaluation = Evaluation.of(Examples.FASHION_UP5K.network(), Examples.fashionTestSlice(), parallel);
      assertEquals(SLICE_CORRECT, evaluation.correct());
    }
  }

  @Test
  void exactAccuracyOnTheFullTestSet() {
    Assumptions.assumeTrue(FashionSliceTest.datasetInstalled(), "SKIPPED: Fashion-MNIST is not installed (sudo apt-get"
        + " install " + Dataset.FASHION_MNIST.debianPackage() + "); the full-test-set accuracy is unchecked");
    ImageSet test = Dataset.FASHION_MNIST.load(null, Dataset.Split.TEST);
    try (Parallel parallel = Parallel.allCores()) {
      assertEquals(TEST_CORRECT, Evaluation.of(Examples.FASHION_UP5K.network(), test, parallel).correct());
    }
  }

  @Test
  void theFileAndTheReadmeNameTheCommandThatReproducesIt() throws IOException {
    String first = Examples.FASHION_UP5K.text().lines().findFirst().orElseThrow();
    assertEquals("# blitz train --dataset fashion-mnist --arch 784-64-64-10 --epochs 30 --alpha 1.0 --temperature 4.0"
        + " --binarized-input --batch 100 --lr 0.005 --seed 1", first);
    String readme = Files.readString(GoldenFiles.repoRoot().resolve("README.md"));
    assertTrue(readme.contains(COMMAND), "README");
  }
}
