package dev.brainblitz.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.train.data.Dataset;
import dev.brainblitz.train.data.Idx;
import dev.brainblitz.train.data.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FashionSliceTest {
  static final Path DIR = Path.of("examples/data", Examples.FASHION_SLICE);

  static boolean datasetInstalled() {
    return Files.isRegularFile(Dataset.FASHION_MNIST.installedDirectory().resolve("t10k-images-idx3-ubyte.gz"));
  }

  @Test
  void theBundledSliceHoldsAThousandLabelledImages() {
    ImageSet slice = Examples.fashionTestSlice();
    assertEquals(1000, slice.count());
    assertEquals(28, slice.rows());
    assertEquals(28, slice.columns());
    assertEquals(10, slice.classes());
    assertEquals(9, slice.label(0), "the first test image of Fashion-MNIST is an ankle boot");
    assertEquals(2, slice.label(1), "the second a pullover");
  }

  /** Regenerate with -Dblitz.updateGolden=true (needs the dataset package). */
  @Test
  void theBundledSliceIsTheFirstThousandTestImages() {
    Assumptions.assumeTrue(datasetInstalled(), "SKIPPED: Fashion-MNIST is not installed (sudo apt-get install "
        + Dataset.FASHION_MNIST.debianPackage() + "); cannot compare the bundled slice with the full test set");
    ImageSet first = Dataset.FASHION_MNIST.load(null, Dataset.Split.TEST).first(1000);
    if (GoldenFiles.updating()) {
      Path dir = GoldenFiles.repoRoot().resolve(DIR);
      Idx.write(first, dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    }
    ImageSet bundled = Dataset.FASHION_MNIST.load(GoldenFiles.repoRoot().resolve(DIR), Dataset.Split.TEST);
    assertEquals(first.count(), bundled.count());
    for (int s = 0; s < first.count(); s++) {
      assertArrayEquals(first.image(s), bundled.image(s), "image " + s);
      assertEquals(first.label(s), bundled.label(s), "label " + s);
    }
  }
}
