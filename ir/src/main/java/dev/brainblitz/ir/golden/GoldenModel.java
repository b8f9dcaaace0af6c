package dev.brainblitz.ir.golden;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.PoolLayer;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.faults.ActivationFaults;
import dev.brainblitz.ir.faults.FaultDraws;

/**
 * The oracle: a deliberately literal interpreter of the IL semantics, one element at a time, with
 * no bit tricks. Every other executor (fast engine, RTL, RISC-V kernels) is judged by it. Keep it
 * obvious rather than fast; docs/il.md states the same rules in prose.
 */
public final class GoldenModel {
  private final Network network;
  private final ActivationFaults faults;

  public GoldenModel(Network network) {
    this(network, ActivationFaults.NONE);
  }

  /**
   * A golden model that inverts the activation bits {@code faults} draws (docs/faults.md); with
   * {@link ActivationFaults#NONE} it is the fault-free model.
   */
  public GoldenModel(Network network, ActivationFaults faults) {
    this.network = network;
    this.faults = faults;
  }

  public Network network() {
    return network;
  }

  /** The result for {@code input}, with no activation faults. */
  public InferenceResult infer(InputVector input) {
    return infer(input, -1);
  }

  /**
   * The result for {@code input} as the vector of index {@code vector} of a run: its activation
   * faults are those drawn for that index (none when {@code vector} is negative).
   */
  public InferenceResult infer(InputVector input, long vector) {
    if (input.kind() != network.input().kind() || input.size() != network.inputSize()) {
      throw new IllegalArgumentException(
          "network '" + network.name() + "' takes " + network.inputSize() + " " + network.input().kind().keyword()
              + " elements, got " + input.size() + " " + input.kind().keyword());
    }
    // The current vector as plain element values: bipolar +1/-1, or bytes 0..255.
    long[] values = new long[input.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = input.kind() == InputKind.BIPOLAR ? input.bipolar(i) : input.element(i);
    }
    InputKind kind = input.kind();
    for (int k = 0; k < network.layers().size(); k++) {
      Layer layer = network.layers().get(k);
      values = switch (layer.kind()) {
        case DENSE -> dense((DenseLayer) layer, values, kind);
        case CONV2D -> conv((ConvLayer) layer, values, kind);
        case MAXPOOL -> maxpool((PoolLayer) layer, values);
        case FLATTEN -> values; // a map's values are already in the flattened order (y, x, c)
      };
      boolean thresholded = switch (layer.kind()) {
        case DENSE, CONV2D -> true;
        case MAXPOOL, FLATTEN -> false;
      };
      if (thresholded && vector >= 0 && faults.any()) {
        // Transient faults: the drawn activation bits are inverted (+1 <-> -1) before the next layer reads them.
        FaultDraws draws = faults.draws(k, vector, values.length);
        for (long p = draws.next(); p >= 0; p = draws.next()) {
          values[(int) p] = -values[(int) p];
        }
      }
      kind = InputKind.BIPOLAR;
    }
    Node.Scores scores = network.scores();
    int[] result = new int[scores.classes()];
    for (int c = 0; c < scores.classes(); c++) {
      long score = accumulate(scores.weights(), c, values, kind) + scores.bias().get(c);
      result[c] = Math.toIntExact(score);
    }
    return InferenceResult.ofScores(result);
  }

  /** The activations (+1/-1) of a dense layer on {@code values} of {@code kind}. */
  private static long[] dense(DenseLayer layer, long[] values, InputKind kind) {
    long[] activations = new long[layer.outputs()];
    for (int j = 0; j < layer.outputs(); j++) {
      long acc = accumulate(layer.dense().weights(), j, values, kind);
      boolean bit = activate(layer.threshold(), j, acc);
      activations[j] = bit ? +1 : -1;
    }
    return activations;
  }

  /**
   * The activations (+1/-1) of a convolutional layer. {@code values} is the input map, element
   * (y, x, c) at {@code (y * W + x) * C + c}. Output pixel (oy, ox) reads, for kernel tap (ky, kx),
   * the input pixel (oy * S + ky - P, ox * S + kx - P), P the padding before; outside the image every
   * channel of the tap is the pad element. The accumulator over the window is the dense rule's
   * (agreements on bits, signed sum on bytes) with weight column (ky * K + kx) * C + c.
   */
  private static long[] conv(ConvLayer layer, long[] values, InputKind kind) {
    Node.Conv2d conv = layer.conv();
    ConvGeometry g = layer.geometry();
    MapShape in = layer.in();
    MapShape out = layer.out();
    int k = conv.kernel();
    long pad = conv.padding().value();
    long[] result = new long[out.size()];
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        for (int o = 0; o < out.channels(); o++) {
          long acc = 0;
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              int y = oy * conv.stride() + ky - g.padBefore();
              int x = ox * conv.stride() + kx - g.padBefore();
              boolean inside = y >= 0 && y < in.height() && x >= 0 && x < in.width();
              for (int c = 0; c < in.channels(); c++) {
                long value = inside ? values[in.index(y, x, c)] : pad;
                int weight = conv.weights().get(o, (ky * k + kx) * in.channels() + c) ? +1 : -1;
                if (kind == InputKind.BIPOLAR) {
                  if (value == weight) {
                    acc += 1;
                  }
                } else {
                  acc += weight * value;
                }
              }
            }
          }
          result[out.index(oy, ox, o)] = activate(layer.threshold(), o, acc) ? +1 : -1;
        }
      }
    }
    return result;
  }

  /** Max-pooling of a map of +1/-1 values: the largest value of each window (the OR of its bits). */
  private static long[] maxpool(PoolLayer layer, long[] values) {
    MapShape in = layer.in();
    MapShape out = layer.out();
    int size = layer.size();
    long[] result = new long[out.size()];
    for (int oy = 0; oy < out.height(); oy++) {
      for (int ox = 0; ox < out.width(); ox++) {
        for (int c = 0; c < out.channels(); c++) {
          long max = -1;
          for (int dy = 0; dy < size; dy++) {
            for (int dx = 0; dx < size; dx++) {
              max = Math.max(max, values[in.index(oy * size + dy, ox * size + dx, c)]);
            }
          }
          result[out.index(oy, ox, c)] = max;
        }
      }
    }
    return result;
  }

  /**
   * The accumulator of neuron {@code row}. Over bipolar values it is the popcount of
   * XNOR(x, w): the number of positions where input and weight agree. Over bytes it is the sum of
   * +x where the weight is +1 and -x where it is -1.
   */
  static long accumulate(dev.brainblitz.ir.BitMatrix weights, int row, long[] values, InputKind kind) {
    long acc = 0;
    for (int i = 0; i < values.length; i++) {
      int weight = weights.get(row, i) ? +1 : -1;
      if (kind == InputKind.BIPOLAR) {
        if (values[i] == weight) {
          acc += 1;
        }
      } else {
        acc += weight * values[i];
      }
    }
    return acc;
  }

  /** Whether neuron {@code neuron} fires: its accumulator passes its (single) threshold. */
  static boolean activate(Node.Threshold threshold, int neuron, long acc) {
    Direction direction = threshold.table().direction(neuron);
    long t = threshold.table().threshold(neuron);
    return direction.passes(acc, t);
  }
}
