package dev.brainblitz.train.cnn;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.Padding;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The packed, bit-parallel inference against the literal loops, and a worked example by hand. */
class BitInferenceTest {
  /** Every first-layer kind, padding mode and stride, 15 random networks each. */
  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (InputKind kind : InputKind.values()) {
      for (Padding.Mode mode : Padding.Mode.values()) {
        for (int stride : new int[] {1, 2}) {
          cases.add(Arguments.of(kind, mode, stride));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void packedInferenceEqualsTheLiteralLoops(InputKind kind, Padding.Mode mode, int stride) {
    Random random = new Random(kind.ordinal() * 100 + mode.ordinal() * 10 + stride);
    int differentClasses = 0;
    for (int net = 0; net < 15; net++) {
      BinaryCnn cnn = RandomCnns.network(random, kind, mode, stride);
      BitInference inference = new BitInference(cnn);
      for (int v = 0; v < 8; v++) {
        int[] input = RandomCnns.input(random, cnn);
        int[] expected = LiteralCnn.scores(cnn, input);
        assertArrayEquals(expected, inference.scores(input), "network " + net + " input " + v + ": " + cnn.inputs());
        differentClasses += dev.brainblitz.ir.InferenceResult.argmax(expected) != 0 ? 1 : 0;
      }
    }
    assertTrue(differentClasses > 0, "the random networks do not all answer class 0");
  }

  /**
   * The worked example of docs/train.md: a 4x4 bipolar image, one 3x3 kernel, same padding with
   * pad -1 and +1, and valid; accumulators counted by hand.
   */
  @Test
  void workedExample() {
    // Image (1 = +1, 0 = -1), row by row:   1 1 0 0 / 1 1 0 0 / 0 0 1 1 / 0 0 1 1
    int[] image = {1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1};
    // Kernel: +1 on the diagonal (ky == kx), -1 elsewhere.
    boolean[][] kernel = {{true, false, false, false, true, false, false, false, true}};
    // Accumulators: agreements out of 9, output pixels in row order.
    // Valid (2x2): output (0,0) reads + + - / + + - / - - +: the diagonal agrees 3 times and the
    // -1 weights at (0,2) (1,2) (2,0) (2,1) 4 times: 7. Output (0,1) reads + - - / + - - / - + +: 6.
    assertArrayEquals(new long[] {7, 6, 6, 7}, accumulators(image, kernel, Padding.VALID));
    // Same, pad -1 (4x4): output (0,0) reads - - - / - + + / - + +: diagonal 2, off-diagonal 4: 6.
    // Output (0,1) reads - - - / + + - / + + -: 4. Output (0,3) reads all -1: the 6 off-diagonal -1s.
    // Output (1,1) reads the valid window of (0,0): 7.
    assertArrayEquals(new long[] {6, 4, 4, 6, 4, 7, 6, 4, 4, 6, 7, 4, 6, 4, 4, 6},
        accumulators(image, kernel, Padding.same(-1)));
    // Same, pad +1: output (0,0) reads all +1: the 3 diagonal +1s. Output (0,3) reads
    // + + + / - - + / - - +: 5. Output (3,3) reads + + + / + + + / + + +: 3.
    assertArrayEquals(new long[] {3, 3, 3, 5, 3, 7, 6, 3, 3, 6, 7, 3, 5, 3, 3, 3},
        accumulators(image, kernel, Padding.same(1)));
  }

  /**
   * The accumulator of each output pixel, as the packed inference hands it to its rule (which
   * sees the pixels in row order); the literal loops must agree on the resulting bits.
   */
  private static long[] accumulators(int[] image, boolean[][] kernel, Padding padding) {
    ConvGeometry g = new ConvGeometry(4, 4, 1, 3, 1, padding, 1);
    BinaryCnn cnn = new BinaryCnn("x", InputKind.BIPOLAR, 4, 4, 1, List.of(
        new BinaryCnn.Conv(3, 1, padding, BitMatrix.fromBits(kernel), ThresholdTable.of(new long[] {5},
            new Direction[] {Direction.GE})),
        new BinaryCnn.Flatten(),
        new BinaryCnn.Scores(BitMatrix.fromBits(identity(g.outPixels())), new int[g.outPixels()])));
    List<Long> seen = new ArrayList<>();
    new BitInference(cnn, (layer, neuron, acc) -> seen.add(acc)).scores(image);
    assertArrayEquals(LiteralCnn.scores(cnn, image), new BitInference(cnn).scores(image));
    return seen.stream().mapToLong(Long::longValue).toArray();
  }

  private static boolean[][] identity(int n) {
    boolean[][] rows = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      rows[i][i] = true;
    }
    return rows;
  }

  @Test
  void maxPoolIsAnOrOfBits() {
    // 2x2 map of 70 channels (two words per pixel): the pooled pixel has bit c when any pixel has it.
    Random random = new Random(5);
    int channels = 70;
    int[] map = new int[4 * channels];
    for (int i = 0; i < map.length; i++) {
      map[i] = random.nextInt(5) == 0 ? 1 : 0;
    }
    // Pool the input itself, then read the bits out through one-hot score rows.
    BinaryCnn cnn = new BinaryCnn("pool", InputKind.BIPOLAR, 2, 2, channels, List.of(
        new BinaryCnn.MaxPool(2), new BinaryCnn.Flatten(),
        new BinaryCnn.Scores(BitMatrix.fromBits(identity(channels)), new int[channels])));
    assertArrayEquals(LiteralCnn.scores(cnn, map), new BitInference(cnn).scores(map));
    int[] scores = new BitInference(cnn).scores(map);
    for (int c = 0; c < channels; c++) {
      boolean any = false;
      for (int p = 0; p < 4; p++) {
        any |= map[p * channels + c] == 1;
      }
      // Row c is one-hot at c: it agrees with the other channels where they are -1.
      int ones = 0;
      for (int c2 = 0; c2 < channels; c2++) {
        boolean bit = false;
        for (int p = 0; p < 4; p++) {
          bit |= map[p * channels + c2] == 1;
        }
        ones += bit && c2 != c ? 1 : 0;
      }
      assertEquals((any ? 1 : 0) + (channels - 1 - ones), scores[c], "channel " + c);
    }
  }
}
