package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * One matrix-vector unit of the dataflow pipeline as the hardware sees it: a hidden layer (dense +
 * threshold) or the final scores layer. {@code inputs} is MW, {@code outputs} is MH. {@code scoreWidth}
 * is the bits of a scores engine's sums and scores ({@link Widths#scoreWidth}), 0 for a hidden engine.
 */
public record Engine(String name, int index, InputKind inputKind, int inputs, int outputs, boolean isScores,
    int scoreWidth) {

  /** An engine whose scores (if it computes scores) are full 32-bit numbers. */
  public Engine(String name, int index, InputKind inputKind, int inputs, int outputs, boolean isScores) {
    this(name, index, inputKind, inputs, outputs, isScores, isScores ? Widths.SCORE_WIDTH : 0);
  }

  /** The backend's name in the error for a layer kind it cannot build yet. */
  static final String BACKEND = "Verilog backend";

  /** The dense layer engine {@code e} computes (not the scores engine). */
  static DenseLayer denseLayer(Network network, Engine e) {
    Layer layer = network.layers().get(e.index());
    return switch (layer.kind()) {
      case DENSE -> (DenseLayer) layer;
      case CONV2D, MAXPOOL, FLATTEN -> throw Network.unsupported(layer, BACKEND);
    };
  }

  /** The engines of {@code network}, in stream order; the last one computes the scores. */
  public static List<Engine> of(Network network) {
    var engines = new ArrayList<Engine>();
    int i = 0;
    for (Layer layer : network.layers()) {
      engines.add(switch (layer.kind()) {
        case DENSE -> new Engine(layer.name(), i++, layer.inputKind(), layer.inputs(), layer.outputs(), false);
        // Convolutions become hardware in issue 12; until then a clean error (BIL109), before any file is written.
        case CONV2D, MAXPOOL, FLATTEN -> throw Network.unsupported(layer, BACKEND);
      });
    }
    var scores = network.scores();
    engines.add(new Engine(scores.name(), i, network.scoresInputKind(), scores.inputs(), scores.classes(), true,
        Widths.scoreWidth(network)));
    return List.copyOf(engines);
  }
}
