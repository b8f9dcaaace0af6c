package dev.brainblitz.ir.floats;

import dev.brainblitz.ir.InputKind;
import java.util.List;

/** A small float model with hand-picked parameters, the base of the float JSON examples. */
final class TinyFloatModel {
  private TinyFloatModel() {}

  static FloatModel model() {
    var batchNorm = new BatchNorm(new double[] {1.0, -2.0}, new double[] {0.0, 0.25}, new double[] {0.5, -1.0},
        new double[] {1.0, 4.0}, 1e-5);
    var layer = new FloatLayer(new double[][] {{0.5, -0.25, 0.0}, {-1.0, 2.0, 0.125}}, new double[] {0.0, 0.5}, batchNorm);
    var scores = new FloatScores(new double[][] {{1.0, -1.0}, {0.5, 0.5}}, new double[] {1.0, -2.0});
    return new FloatModel("tinyf", InputKind.BIPOLAR, 3, List.of(layer), scores);
  }
}
