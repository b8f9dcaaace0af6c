package dev.brainblitz.ir.json;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;
import java.util.List;

/** The example model of the format documentation, built in memory. */
final class TinyModel {
  private TinyModel() {}

  static Model model() {
    return new Model("tiny", List.of(
        new Node.Input("x", InputKind.BIPOLAR, 5),
        new Node.Dense("fc1", "x", BitMatrix.fromPackedRows(5, new int[][] {{0x15}, {0x0a}, {0x1f}})),
        new Node.Threshold("act1", "fc1", ThresholdTable.of(
            new long[] {3, 2, 1}, new Direction[] {Direction.GE, Direction.LE, Direction.GE})),
        new Node.Scores("out", "act1", BitMatrix.fromPackedRows(3, new int[][] {{0x5}, {0x2}}), List.of(1, -1))));
  }
}
