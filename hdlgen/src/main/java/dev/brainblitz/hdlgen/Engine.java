package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.PoolLayer;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.List;

/**
 * One matrix-vector unit of the dataflow pipeline as the hardware sees it: a hidden layer (dense or
 * conv2d, + threshold) or the final scores layer. {@code inputs} is MW, {@code outputs} is MH: for a
 * convolution the fan-in K*K*C of one output pixel and the output channels, computed once per output
 * pixel of {@code conv} (its geometry; null for a dense or scores engine). {@code pools} are the
 * sizes of the max-pools applied, in order, to the engine's output map before its link (empty for
 * none); a flatten needs no hardware (the packed map is already in the flattened order).
 * {@code scoreWidth} is the bits of a scores engine's sums and scores ({@link Widths#scoreWidth}),
 * 0 for a hidden engine.
 */
public record Engine(String name, int index, InputKind inputKind, int inputs, int outputs, boolean isScores,
    int scoreWidth, ConvGeometry conv, List<Integer> pools) {

  public Engine {
    pools = List.copyOf(pools);
    if (conv == null && !pools.isEmpty()) {
      throw new IllegalArgumentException("only a convolution engine's output map can be pooled");
    }
  }

  /** A dense or scores engine. */
  public Engine(String name, int index, InputKind inputKind, int inputs, int outputs, boolean isScores,
      int scoreWidth) {
    this(name, index, inputKind, inputs, outputs, isScores, scoreWidth, null, List.of());
  }

  /** A dense or scores engine whose scores (if it computes scores) are full 32-bit numbers. */
  public Engine(String name, int index, InputKind inputKind, int inputs, int outputs, boolean isScores) {
    this(name, index, inputKind, inputs, outputs, isScores, isScores ? Widths.SCORE_WIDTH : 0);
  }

  /** Whether this engine slides a window over a feature map (a conv2d layer). */
  public boolean isConv() {
    return conv != null;
  }

  /** The output pixels it computes per frame: the conv's, or 1 for a dense or scores engine. */
  public int pixels() {
    return isConv() ? conv.outPixels() : 1;
  }

  /** Elements of the vector the engine takes per beat: the whole input map of a convolution. */
  public int inputVectorSize() {
    return isConv() ? conv.inSize() : inputs;
  }

  /** Lanes of the vector the engine computes per beat, before any pooling: every pixel's outputs. */
  public int resultSize() {
    return pixels() * outputs;
  }

  /** Lanes of the vector its link carries: the result, pooled by {@link #pools}. */
  public int linkSize() {
    return isConv() ? linkMap().size() : outputs;
  }

  /** The map a convolution engine hands on: its output map, pooled by {@link #pools}. */
  public MapShape linkMap() {
    int height = conv.outHeight();
    int width = conv.outWidth();
    for (int size : pools) {
      height /= size;
      width /= size;
    }
    return new MapShape(height, width, outputs);
  }

  /** The weights of the layer engine {@code e} computes. */
  static BitMatrix weights(Network network, Engine e) {
    if (e.isScores()) {
      return network.scores().weights();
    }
    Layer layer = network.layers().get(e.index());
    if (layer instanceof DenseLayer dense) {
      return dense.dense().weights();
    }
    return ((ConvLayer) layer).conv().weights();
  }

  /** The thresholds of the hidden layer engine {@code e} computes (not the scores engine). */
  static ThresholdTable thresholds(Network network, Engine e) {
    Layer layer = network.layers().get(e.index());
    if (layer instanceof DenseLayer dense) {
      return dense.threshold().table();
    }
    return ((ConvLayer) layer).threshold().table();
  }

  /**
   * The engines of {@code network}, in stream order; the last one computes the scores. A max-pool
   * joins the engine of the convolution before it; a flatten is no engine.
   */
  public static List<Engine> of(Network network) {
    var engines = new ArrayList<Engine>();
    List<Layer> layers = network.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      switch (layer.kind()) {
        case DENSE -> engines.add(new Engine(layer.name(), i, layer.inputKind(), layer.inputs(), layer.outputs(), false));
        case CONV2D -> {
          ConvGeometry g = ((ConvLayer) layer).geometry();
          engines.add(new Engine(layer.name(), i, layer.inputKind(), g.fanIn(), g.out().channels(), false, 0, g,
              List.of()));
        }
        case MAXPOOL -> {
          Engine before = engines.get(engines.size() - 1);
          var pools = new ArrayList<>(before.pools());
          pools.add(((PoolLayer) layer).size());
          engines.set(engines.size() - 1, new Engine(before.name(), before.index(), before.inputKind(), before.inputs(),
              before.outputs(), false, 0, before.conv(), pools));
        }
        case FLATTEN -> { }
      }
    }
    var scores = network.scores();
    engines.add(new Engine(scores.name(), layers.size(), network.scoresInputKind(), scores.inputs(), scores.classes(),
        true, Widths.scoreWidth(network)));
    return List.copyOf(engines);
  }
}
