package dev.brainblitz.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.golden.GoldenModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tiny examples, worked out by hand from the semantics in docs/il.md.
 *
 * <p>tiny.bil: weights fc1 = [+-+-+], [-+-+-], [+++++]; thresholds ge 3, le 1, ge 4; output
 * rows [+-+], [-+-], bias (0, 1). For input 0x07 = [+++--]: row 0 agrees at 0, 2, 3 (p = 3, fires),
 * row 1 agrees at 1, 4 (p = 2, not <= 1), row 2 agrees at 0, 1, 2 (p = 3, not >= 4); so
 * h = [+--]; class 0 agrees with h at 0, 1 (2 + 0), class 1 at 2 (1 + 1): scores (2, 2), a tie
 * that argmax breaks towards class 0.
 */
class TinyExampleTest {
  private static final GoldenModel TINY = new GoldenModel(Examples.TINY.network());
  private static final GoldenModel TINY_U8 = new GoldenModel(Examples.TINY_U8.network());

  @ParameterizedTest(name = "tiny: x = {0} gives scores ({1}, {2}), class {3}")
  @CsvSource({
    // x (packed) | scores | class   -- hidden h, worked out in the class comment's way
    "0x07, 2, 2, 0",  // h = [+--]; tie broken to the lowest index
    "0x00, 1, 3, 1",  // x = [-----]: popcounts 2, 3, 0 -> h = [---]
    "0x15, 1, 3, 1",  // x = [+-+-+]: popcounts 5, 0, 3 -> h = [++-]; le 1 fires on 0
    "0x1f, 3, 1, 0",  // x = [+++++]: popcounts 3, 2, 5 -> h = [+-+]
    "0x1a, 1, 3, 1",  // x = [-+-++]: popcounts 1, 4, 3 -> h = [---]
  })
  void tinyBipolarOutputs(String packed, int score0, int score1, int expectedClass) {
    var input = InputVector.fromPackedWords(5, new int[] {Integer.decode(packed)});
    var result = TINY.infer(input);
    assertArrayEquals(new int[] {score0, score1}, result.scores());
    assertEquals(expectedClass, result.predictedClass());
  }

  /**
   * tiny-u8.bil: fc1 rows +x0 +x1 -x2 and -x0 -x1 +x2; thresholds ge 0, le -100; output rows
   * [+-], [++], no bias.
   */
  @ParameterizedTest(name = "tiny_u8: x = ({0}, {1}, {2}) gives scores ({3}, {4}), class {5}")
  @CsvSource({
    // x0, x1, x2 | scores | class
    "10, 200, 30,  1, 2, 1",   // acc 180 (>= 0 fires), -180 (<= -100 fires): h = [++]
    "0, 0, 255,    1, 0, 0",   // acc -255, 255: h = [--]
    "100, 0, 100,  2, 1, 0",   // acc 0 (boundary, ge 0 fires), 0: h = [+-]
    "0, 0, 0,      2, 1, 0",   // acc 0, 0: h = [+-]
    "255, 255, 0,  1, 2, 1",   // acc 510, -510: h = [++]
    "0, 0, 1,      1, 0, 0",   // acc -1 (just below ge 0), 1: h = [--]
  })
  void tinyByteOutputs(int x0, int x1, int x2, int score0, int score1, int expectedClass) {
    var result = TINY_U8.infer(InputVector.of(InputKind.U8, x0, x1, x2));
    assertArrayEquals(new int[] {score0, score1}, result.scores());
    assertEquals(expectedClass, result.predictedClass());
  }
}
