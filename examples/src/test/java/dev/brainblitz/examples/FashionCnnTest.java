package dev.brainblitz.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.train.Evaluation;
import dev.brainblitz.train.data.Dataset;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped binary CNN. The exact accuracies were measured when it was trained (the summary of
 * its training command); any change to the file or to the semantics of conv2d, maxpool or flatten
 * in the golden model or the engine changes them.
 */
class FashionCnnTest {
  /** Correct predictions on the bundled first 1,000 test images. */
  static final int SLICE_CORRECT = 917;
  /** Correct predictions on the full 10,000-image test set. */
  static final int TEST_CORRECT = 9029;

  @Test
  void isTheArchitectureOfItsCommand() {
    var network = Examples.FASHION_CNN.network();
    assertEquals(InputKind.U8, network.input().kind());
    assertEquals(784, network.inputSize());
    List<Layer.Kind> kinds = network.layers().stream().map(Layer::kind).toList();
    assertEquals(List.of(Layer.Kind.CONV2D, Layer.Kind.CONV2D, Layer.Kind.MAXPOOL, Layer.Kind.CONV2D, Layer.Kind.CONV2D,
        Layer.Kind.MAXPOOL, Layer.Kind.FLATTEN, Layer.Kind.DENSE), kinds);
    assertEquals(10, network.classes());
  }

  @Test
  void exactAccuracyOnTheBundledSlice() {
    var network = Examples.FASHION_CNN.network();
    ImageSet slice = Examples.fashionTestSlice();
    try (Parallel parallel = new Parallel(2)) {
      var evaluation = Evaluation.of(network, slice, parallel);
      assertEquals(SLICE_CORRECT, evaluation.correct());
      var golden = new GoldenModel(network);
      for (int s = 0; s < 10; s++) {
        var result = golden.infer(Evaluation.input(InputKind.U8, slice, s));
        assertEquals(evaluation.predictions()[s], result.predictedClass(), "image " + s);
      }
    }
  }

  @Test
  void exactAccuracyOnTheFullTestSet() {
    Assumptions.assumeTrue(FashionSliceTest.datasetInstalled(), "SKIPPED: Fashion-MNIST is not installed (sudo apt-get"
        + " install " + Dataset.FASHION_MNIST.debianPackage() + "); the full-test-set accuracy of fashion-cnn is unchecked");
    ImageSet test = Dataset.FASHION_MNIST.load(null, Dataset.Split.TEST);
    try (Parallel parallel = Parallel.allCores()) {
      assertEquals(TEST_CORRECT, Evaluation.of(Examples.FASHION_CNN.network(), test, parallel).correct());
    }
  }

  /** The file names the command that made it, and the README documents the command that reproduces it. */
  @Test
  void theReadmeHasTheCommandThatReproducesTheFile() throws IOException {
    String first = Examples.FASHION_CNN.text().lines().findFirst().orElseThrow();
    assertEquals("./" + first.substring("# ".length()) + " -o examples/models/fashion-cnn.bil", README_COMMAND);
    String readme = Files.readString(GoldenFiles.repoRoot().resolve("README.md"));
    assertTrue(readme.contains(README_COMMAND), "README");
  }

  /** The student command as the file's first line records it; README.md gives it with the teacher's. */
  static final String README_COMMAND = "./blitz train --dataset fashion-mnist --arch c32-c32-p-c64-c64-p-f256-10"
      + " --epochs 12 --teacher teacherF-e6-aug-s1.bin --alpha 0.5 --temperature 4.0 --augment --batch 100 --lr 0.005"
      + " --seed 1 -o examples/models/fashion-cnn.bil";
}
