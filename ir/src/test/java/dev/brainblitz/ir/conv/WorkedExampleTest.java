package dev.brainblitz.ir.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.FastEngine;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.text.TextModelReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worked 4x4 example of docs/il.md ("conv2d: a worked example"), checked through the golden
 * model and the engine. A diagonal 3x3 kernel reads the image below in each padding mode; the
 * accumulators are the tables of the page. They are observed exactly by thresholding them at every
 * t (ge t) and reading the bits back through scores with one-hot rows.
 */
class WorkedExampleTest {
  /** + + - - / + + - - / - - + + / - - + +, element y * 4 + x at bit y * 4 + x. */
  private static final int IMAGE = 0xCC33;

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of("valid", 2, new int[] {7, 6, 6, 7}),
        Arguments.of("same -1", 4, new int[] {6, 4, 4, 6, 4, 7, 6, 4, 4, 6, 7, 4, 6, 4, 4, 6}),
        Arguments.of("same +1", 4, new int[] {3, 3, 3, 5, 3, 7, 6, 3, 3, 6, 7, 3, 5, 3, 3, 3}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void accumulatorsAreThoseOfThePage(String padding, int side, int[] accumulators) {
    int outputs = side * side;
    for (int t = 0; t <= 10; t++) {
      StringBuilder rows = new StringBuilder();
      for (int c = 0; c < outputs; c++) {
        rows.append(String.format("    0x%08x%n", 1 << c));
      }
      String text = """
          bil 1
          model worked {
            input x : bipolar[16]
            conv2d c : x -> 1 {
              image 4x4x1 kernel 3 stride 1 %s
              0x00000111
            }
            threshold t : c {
              ge %d
            }
            flatten f : t
            scores out : f -> %d {
          %s  }
          }
          """.formatted(padding, t, outputs, rows);
      Network network = TextModelReader.read("worked.bil", text);
      InputVector input = InputVector.fromPackedWords(16, new int[] {IMAGE});
      int[] expected = new int[outputs];
      int ones = 0;
      for (int acc : accumulators) {
        ones += acc >= t ? 1 : 0;
      }
      for (int c = 0; c < outputs; c++) {
        boolean bit = accumulators[c] >= t;
        // Row c is +1 at c and -1 elsewhere: it agrees with a +1 at c and with every -1 elsewhere.
        expected[c] = (bit ? 1 : 0) + (outputs - 1 - (ones - (bit ? 1 : 0)));
      }
      InferenceResult golden = new GoldenModel(network).infer(input);
      assertArrayEquals(expected, golden.scores(), padding + ", ge " + t);
      assertEquals(golden, FastEngine.compile(network).infer(input), padding + ", ge " + t);
    }
  }
}
