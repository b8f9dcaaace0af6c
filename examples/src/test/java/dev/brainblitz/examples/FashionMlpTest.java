package dev.brainblitz.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.golden.GoldenModel;
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
 * The shipped Fashion-MNIST model. The exact accuracies were measured when it was trained (the
 * summary of the README command); they are a regression check: any change to the model file or to
 * inference semantics (IL, fast engine, golden model) changes them.
 */
class FashionMlpTest {
  /** Correct predictions on the bundled first 1,000 test images. */
  static final int SLICE_CORRECT = 882;
  /** Correct predictions on the full 10,000-image test set. */
  static final int TEST_CORRECT = 8853;

  @Test
  void hasTheShapeOfTheIssue() {
    var network = Examples.FASHION_MLP.network();
    assertEquals(InputKind.U8, network.input().kind());
    assertEquals(784, network.inputSize());
    assertEquals(2, network.layers().size());
    assertEquals(256, network.layers().get(0).outputs());
    assertEquals(256, network.layers().get(1).outputs());
    assertEquals(10, network.classes());
  }

  @Test
  void exactAccuracyOnTheBundledSlice() {
    var network = Examples.FASHION_MLP.network();
    ImageSet slice = Examples.fashionTestSlice();
    try (Parallel parallel = new Parallel(2)) {
      var evaluation = Evaluation.of(network, slice, parallel);
      assertEquals(SLICE_CORRECT, evaluation.correct());
      var golden = new GoldenModel(network);
      for (int s = 0; s < 100; s++) {
        var result = golden.infer(Evaluation.input(InputKind.U8, slice, s));
        assertEquals(evaluation.predictions()[s], result.predictedClass(), "image " + s);
      }
    }
  }

  @Test
  void exactAccuracyOnTheFullTestSet() {
    Assumptions.assumeTrue(FashionSliceTest.datasetInstalled(), "SKIPPED: Fashion-MNIST is not installed (sudo apt-get"
        + " install " + Dataset.FASHION_MNIST.debianPackage() + "); the full-test-set accuracy of fashion-mlp is unchecked");
    ImageSet test = Dataset.FASHION_MNIST.load(null, Dataset.Split.TEST);
    try (Parallel parallel = Parallel.allCores()) {
      assertEquals(TEST_CORRECT, Evaluation.of(Examples.FASHION_MLP.network(), test, parallel).correct());
    }
  }

  /** The file names the command that made it, and the README documents that command. */
  @Test
  void theReadmeHasTheCommandThatReproducesTheFile() throws IOException {
    String first = Examples.FASHION_MLP.text().lines().findFirst().orElseThrow();
    assertTrue(first.startsWith("# blitz train --dataset fashion-mnist --arch 784-256-256-10 --epochs 40"), first);
    String readme = Files.readString(GoldenFiles.repoRoot().resolve("README.md"));
    assertTrue(readme.contains("./blitz train --dataset fashion-mnist --arch 784-256-256-10 --epochs 40"
        + " --train-teacher --seed 1 -o examples/models/fashion-mlp.bil"), "README");
  }
}
