package dev.brainblitz.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
  @TempDir Path dir;

  /** Three 2x3 images with pixels 0..17 and labels 7, 0, 9. */
  static ImageSet sample() {
    byte[] pixels = new byte[18];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 15);
    }
    return new ImageSet(2, 3, pixels, new byte[] {7, 0, 9});
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    return new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
  }

  @Test
  void writesTheStandardHeaderAndReadsItBack() throws IOException {
    byte[] images = gunzip(Idx.imagesFile(sample()));
    assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3}, Arrays.copyOf(images, 16));
    assertEquals(16 + 18, images.length);
    assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9}, gunzip(Idx.labelsFile(sample())));
    Idx.write(sample(), dir.resolve("i.gz"), dir.resolve("l.gz"));
    ImageSet read = Idx.read(dir.resolve("i.gz"), dir.resolve("l.gz"));
    assertEquals(3, read.count());
    assertEquals(2, read.rows());
    assertEquals(3, read.columns());
    assertEquals(255, read.pixel(2, 5));
    assertEquals(15 * 7, read.pixel(1, 1));
    assertEquals(9, read.label(2));
    assertEquals(10, read.classes());
  }

  @Test
  void plainFilesAreReadAsWell() throws IOException {
    Files.write(dir.resolve("i"), gunzip(Idx.imagesFile(sample())));
    Files.write(dir.resolve("l"), gunzip(Idx.labelsFile(sample())));
    ImageSet read = Idx.read(dir.resolve("i"), dir.resolve("l"));
    assertArrayEquals(sample().image(1), read.image(1));
  }

  @Test
  void theWrittenBytesAreDeterministic() {
    assertArrayEquals(Idx.imagesFile(sample()), Idx.imagesFile(sample()));
  }

  private ErrorCode failure(byte[] images, byte[] labels) throws IOException {
    Files.write(dir.resolve("bad-i"), images);
    Files.write(dir.resolve("bad-l"), labels);
    var e = assertThrows(DiagnosticException.class, () -> Idx.read(dir.resolve("bad-i"), dir.resolve("bad-l")));
    assertEquals(1, e.diagnostics().size());
    assertTrue(e.render().contains("bad-"), e.render());
    return e.diagnostics().get(0).code();
  }

  @Test
  void truncatedFiles() throws IOException {
    byte[] images = gunzip(Idx.imagesFile(sample()));
    byte[] labels = gunzip(Idx.labelsFile(sample()));
    assertEquals(ErrorCode.DATA_TRUNCATED, failure(Arrays.copyOf(images, images.length - 1), labels));
    assertEquals(ErrorCode.DATA_TRUNCATED, failure(Arrays.copyOf(images, 10), labels));
    assertEquals(ErrorCode.DATA_TRUNCATED, failure(Arrays.copyOf(images, 2), labels));
    assertEquals(ErrorCode.DATA_TRUNCATED, failure(images, Arrays.copyOf(labels, 10)));
    byte[] gz = Idx.imagesFile(sample());
    assertEquals(ErrorCode.DATA_TRUNCATED, failure(Arrays.copyOf(gz, gz.length - 12), labels));
  }

  @Test
  void wrongMagicNumbers() throws IOException {
    byte[] images = gunzip(Idx.imagesFile(sample()));
    byte[] labels = gunzip(Idx.labelsFile(sample()));
    assertEquals(ErrorCode.DATA_BAD_MAGIC, failure(labels, labels), "labels given as images");
    assertEquals(ErrorCode.DATA_BAD_MAGIC, failure(images, images), "images given as labels");
    byte[] floats = images.clone();
    floats[2] = 0x0d;
    assertEquals(ErrorCode.DATA_BAD_MAGIC, failure(floats, labels));
    byte[] text = "hello, world: not an IDX file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(ErrorCode.DATA_BAD_MAGIC, failure(text, labels));
  }

  @Test
  void labelAndImageCountsMustAgree() throws IOException {
    byte[] images = gunzip(Idx.imagesFile(sample()));
    byte[] twoLabels = gunzip(Idx.labelsFile(sample().first(2)));
    assertEquals(ErrorCode.DATA_COUNT_MISMATCH, failure(images, twoLabels));
  }

  @Test
  void corruptGzipAndTrailingBytes() throws IOException {
    byte[] labels = gunzip(Idx.labelsFile(sample()));
    byte[] gz = Idx.imagesFile(sample());
    gz[gz.length / 2] ^= 0x55;
    gz[gz.length / 2 + 1] ^= 0x55;
    ErrorCode code = failure(gz, labels);
    assertTrue(code == ErrorCode.DATA_CORRUPT || code == ErrorCode.DATA_TRUNCATED, code.toString());
    byte[] images = gunzip(Idx.imagesFile(sample()));
    assertEquals(ErrorCode.DATA_CORRUPT, failure(Arrays.copyOf(images, images.length + 4), labels));
  }

  @Test
  void headerCountLargerThanTheData() throws IOException {
    byte[] images = gunzip(Idx.imagesFile(sample()));
    ByteBuffer.wrap(images).putInt(4, 1_000_000);
    assertEquals(ErrorCode.DATA_TRUNCATED, failure(images, gunzip(Idx.labelsFile(sample()))));
  }

  @Test
  void aMissingDirectoryNamesTheFilesAndAMissingPackageNamesThePackage() {
    var e = assertThrows(DiagnosticException.class, () -> Dataset.FASHION_MNIST.load(dir, Dataset.Split.TEST));
    assertEquals(ErrorCode.DATA_MISSING, e.diagnostics().get(0).code());
    assertTrue(e.render().contains("t10k-images-idx3-ubyte"), e.render());
    e = assertThrows(DiagnosticException.class, () -> Dataset.FASHION_MNIST.read(dir, Dataset.Split.TEST, true));
    assertEquals(ErrorCode.DATA_MISSING, e.diagnostics().get(0).code());
    assertTrue(e.render().contains("sudo apt-get install dataset-fashion-mnist"), e.render());
  }

  @Test
  void aDirectoryWithOnlyTheTestSplitServesTheTestSplit() {
    Idx.write(sample(), dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    assertEquals(3, Dataset.FASHION_MNIST.load(dir, Dataset.Split.TEST).count());
    var e = assertThrows(DiagnosticException.class, () -> Dataset.FASHION_MNIST.load(dir, Dataset.Split.TRAIN));
    assertEquals(ErrorCode.DATA_MISSING, e.diagnostics().get(0).code());
  }

  @Test
  void labelsBeyondTheModelsClassesAndImagesOfTheWrongSize() {
    var e = assertThrows(DiagnosticException.class, () -> sample().requireFits(6, 5, "m"));
    assertEquals(ErrorCode.DATA_BAD_LABEL, e.diagnostics().get(0).code());
    e = assertThrows(DiagnosticException.class, () -> sample().requireFits(784, 10, "m"));
    assertEquals(ErrorCode.DATA_SHAPE, e.diagnostics().get(0).code());
    sample().requireFits(6, 10, "m");
  }
}
