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
 * The checks a shipped model trained by {@code blitz train} gets (the newer ones extend this class):
 * exact accuracies measured when it was trained (a regression check of the file and of inference),
 * and the command that reproduces it, in README and in the file's first line.
 */
abstract class TrainedExampleTest {
  private final Examples example;
  private final int sliceCorrect;
  private final int testCorrect;
  private final String readmeCommand;
  private final String fileHeader;

  /**
   * {@code sliceCorrect} of the bundled first 1,000 test images and {@code testCorrect} of the full
   * 10,000-image test set (the training summary); {@code readmeCommand} as README gives it and
   * {@code fileHeader} as the trainer wrote it (every option spelled out).
   */
  TrainedExampleTest(Examples example, int sliceCorrect, int testCorrect, String readmeCommand, String fileHeader) {
    this.example = example;
    this.sliceCorrect = sliceCorrect;
    this.testCorrect = testCorrect;
    this.readmeCommand = readmeCommand;
    this.fileHeader = fileHeader;
  }

  @Test
  void exactAccuracyOnTheBundledSlice() {
    try (Parallel parallel = new Parallel(2)) {
      var evaluation = Evaluation.of(example.network(), Examples.fashionTestSlice(), parallel);
      assertEquals(sliceCorrect, evaluation.correct());
    }
  }

  @Test
  void exactAccuracyOnTheFullTestSet() {
    Assumptions.assumeTrue(FashionSliceTest.datasetInstalled(), "SKIPPED: Fashion-MNIST is not installed (sudo apt-get"
        + " install " + Dataset.FASHION_MNIST.debianPackage() + "); the full-test-set accuracy is unchecked");
    ImageSet test = Dataset.FASHION_MNIST.load(null, Dataset.Split.TEST);
    try (Parallel parallel = Parallel.allCores()) {
      assertEquals(testCorrect, Evaluation.of(example.network(), test, parallel).correct());
    }
  }

  @Test
  void theFileAndTheReadmeNameTheCommandThatReproducesIt() throws IOException {
    String first = example.text().lines().findFirst().orElseThrow();
    assertEquals(fileHeader, first);
    String readme = Files.readString(GoldenFiles.repoRoot().resolve("README.md"));
    assertTrue(readme.contains(readmeCommand), "README");
  }
}
