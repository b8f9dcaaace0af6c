package dev.brainblitz.ir.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small networks whose results are worked out by hand in the comments. They pin the IL semantics
 * on the golden model, and every in-process target must give the same numbers.
 */
class GoldenModelTest {

  /** Runs one vector on {@code target}; "golden" is the {@link GoldenModel} itself. */
  private static InferenceResult infer(String target, Network network, InputVector vector) {
    if (target.equals("golden")) {
      return new GoldenModel(network).infer(vector);
    }
    try (var executor = Executors.create(target, network, ExecutorOptions.DEFAULTS)) {
      return executor.run(List.of(vector)).results().get(0);
    }
  }

  private static BitMatrix bits(String... rows) {
    boolean[][] bits = new boolean[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      bits[r] = new boolean[rows[r].length()];
      for (int c = 0; c < rows[r].length(); c++) {
        bits[r][c] = rows[r].charAt(c) == '1';
      }
    }
    return BitMatrix.fromBits(bits);
  }

  private static Network scoresOnly(InputKind kind, BitMatrix weights, Integer... bias) {
    return ModelValidator.validate(new Model("m", List.of(
        new Node.Input("x", kind, weights.columns()),
        new Node.Scores("out", "x", weights, List.of(bias)))));
  }

  /**
   * x = 1 0 1 1 0 (bipolar). Row 11111 agrees with x where x is 1: positions 0, 2, 3, so 3.
   * Row 10010 agrees at 0 (1=1), 1 (0=0), 3 (1=1), 4 (0=0) and not at 2: 4. Scores [3, 4]: class 1.
   */
  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void bipolarScoreIsThePopcountOfXnor(String target) {
    Network network = scoresOnly(InputKind.BIPOLAR, bits("11111", "10010"), 0, 0);
    InferenceResult result = infer(target, network, InputVector.of(InputKind.BIPOLAR, 1, 0, 1, 1, 0));
    assertArrayEquals(new int[] {3, 4}, result.scores());
    assertEquals(1, result.predictedClass());
  }

  /** The same network with bias [2, 0]: scores [3 + 2, 4 + 0] = [5, 4], and the class flips to 0. */
  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void biasIsAddedToTheScoreBeforeTheArgmax(String target) {
    Network network = scoresOnly(InputKind.BIPOLAR, bits("11111", "10010"), 2, 0);
    InferenceResult result = infer(target, network, InputVector.of(InputKind.BIPOLAR, 1, 0, 1, 1, 0));
    assertArrayEquals(new int[] {5, 4}, result.scores());
    assertEquals(0, result.predictedClass());
  }

  /**
   * x = 10 200 0 255 (u8). Row 1011: +10 - 200 + 0 + 255 = 65. Row 0000: -465. Row 1111: +465.
   * Scores [65, -465, 465]: class 2.
   */
  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void u8ScoreIsTheSignedSumOfTheBytes(String target) {
    Network network = scoresOnly(InputKind.U8, bits("1011", "0000", "1111"), 0, 0, 0);
    InferenceResult result = infer(target, network, InputVector.of(InputKind.U8, 10, 200, 0, 255));
    assertArrayEquals(new int[] {65, -465, 465}, result.scores());
    assertEquals(2, result.predictedClass());
  }

  /** With bias [0, 0, -400] the scores are [65, -465, 65]: a tie between 0 and 2, won by the lower index. */
  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void argmaxTieGoesToTheLowestIndex(String target) {
    Network network = scoresOnly(InputKind.U8, bits("1011", "0000", "1111"), 0, 0, -400);
    InferenceResult result = infer(target, network, InputVector.of(InputKind.U8, 10, 200, 0, 255));
    assertArrayEquals(new int[] {65, -465, 65}, result.scores());
    assertEquals(0, result.predictedClass());
  }

  /** Every score equal: class 0. */
  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void allScoresEqualGiveClassZero(String target) {
    Network network = scoresOnly(InputKind.BIPOLAR, bits("10", "01", "10"), 0, 0, 0);
    InferenceResult result = infer(target, network, InputVector.of(InputKind.BIPOLAR, 1, 1));
    assertArrayEquals(new int[] {1, 1, 1}, result.scores());
    assertEquals(0, result.predictedClass());
  }

  /**
   * One hidden layer of 4 neurons on x = 1 1 0 (bipolar), each at the edge of its threshold:
   * n0 row 110 agrees 3 times, ge 3 fires (acc == t); n1 row 111 agrees 2 times, ge 3 does not;
   * n2 row 100 agrees 2 times (positions 0 and 2), le 2 fires (acc == t); n3 row 111 agrees 2
   * times, le 1 does not. So h = 1 0 1 0.
   *
   * <p>The scores rows are one-hot, so score_c = (zeros of h outside c) + (h_c == 1): with two
   * zeros in h, s0 = 2 + 1 = 3, s1 = 1 + 0 = 1, s2 = 3, s3 = 1. Any other h gives other scores.
   */
  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void thresholdsFireAtTheBoundaryInBothDirections(String target) {
    Network network = oneHiddenLayer(InputKind.BIPOLAR, bits("110", "111", "100", "111"),
        new long[] {3, 3, 2, 1}, new Direction[] {Direction.GE, Direction.GE, Direction.LE, Direction.LE});
    InferenceResult result = infer(target, network, InputVector.of(InputKind.BIPOLAR, 1, 1, 0));
    assertArrayEquals(new int[] {3, 1, 3, 1}, result.scores());
    assertEquals(0, result.predictedClass());
  }

  /**
   * The same on u8 x = 5 0 7: rows 111 give +12, ge 12 fires and ge 13 does not; rows 010 give
   * -5 + 0 - 7 = -12, le -12 fires and le -13 does not. h = 1 0 1 0 again: scores [3, 1, 3, 1].
   */
  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void u8ThresholdsFireAtTheBoundaryInBothDirections(String target) {
    Network network = oneHiddenLayer(InputKind.U8, bits("111", "111", "010", "010"),
        new long[] {12, 13, -12, -13}, new Direction[] {Direction.GE, Direction.GE, Direction.LE, Direction.LE});
    InferenceResult result = infer(target, network, InputVector.of(InputKind.U8, 5, 0, 7));
    assertArrayEquals(new int[] {3, 1, 3, 1}, result.scores());
    assertEquals(0, result.predictedClass());
  }

  private static Network oneHiddenLayer(InputKind kind, BitMatrix hidden, long[] thresholds, Direction[] directions) {
    return ModelValidator.validate(new Model("m", List.of(
        new Node.Input("x", kind, hidden.columns()),
        new Node.Dense("fc1", "x", hidden),
        new Node.Threshold("act1", "fc1", ThresholdTable.of(thresholds, directions)),
        Node.Scores.unbiased("out", "act1", bits("1000", "0100", "0010", "0001")))));
  }

  /**
   * Two hidden layers. x = 1 0 (bipolar). Layer 1: row 10 agrees 2 times, ge 2 fires; row 01 agrees
   * 0 times, ge 1 does not: h1 = 1 0. Layer 2: row 10 agrees with h1 2 times, le 0 does not; row 11
   * agrees once, le 1 fires; row 00 agrees once, ge 2 does not: h2 = 0 1 0. Scores: row 010 agrees
   * 3 times, row 101 0 times, row 111 once, with bias [0, 3, 2]: [3, 3, 3], class 0.
   */
  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void layersChain(String target) {
    Network network = ModelValidator.validate(new Model("m", List.of(
        new Node.Input("x", InputKind.BIPOLAR, 2),
        new Node.Dense("fc1", "x", bits("10", "01")),
        new Node.Threshold("act1", "fc1", ThresholdTable.of(new long[] {2, 1}, new Direction[] {Direction.GE, Direction.GE})),
        new Node.Dense("fc2", "act1", bits("10", "11", "00")),
        new Node.Threshold("act2", "fc2",
            ThresholdTable.of(new long[] {0, 1, 2}, new Direction[] {Direction.LE, Direction.LE, Direction.GE})),
        new Node.Scores("out", "act2", bits("010", "101", "111"), List.of(0, 3, 2)))));
    InferenceResult result = infer(target, network, InputVector.of(InputKind.BIPOLAR, 1, 0));
    assertArrayEquals(new int[] {3, 3, 3}, result.scores());
    assertEquals(0, result.predictedClass());
  }

  @ParameterizedTest
  @ValueSource(strings = {"golden", "engine"})
  void aVectorOfTheWrongKindOrSizeIsRejected(String target) {
    Network network = scoresOnly(InputKind.U8, bits("1011"), 0);
    assertThrows(IllegalArgumentException.class,
        () -> infer(target, network, InputVector.of(InputKind.BIPOLAR, 1, 0, 1, 1)));
    assertThrows(IllegalArgumentException.class, () -> infer(target, network, InputVector.of(InputKind.U8, 1, 2, 3)));
  }
}
