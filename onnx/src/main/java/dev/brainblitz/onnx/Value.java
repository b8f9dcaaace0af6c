package dev.brainblitz.onnx;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InputKind;
import java.util.ArrayList;
import java.util.List;

/**
 * What the importer knows about one value (tensor) of the graph. Constants are plain tensors;
 * the values on the data path are described symbolically, per the layer being built, so that the
 * graph's operators become a model: the vector a layer reads ({@link Elements}), a layer's neurons
 * before their activation ({@link Neurons}), and the comparison that binarizes them
 * ({@link Fires}).
 */
sealed interface Value {

  record Constant(Tensor tensor) implements Value {}

  /**
   * A layer input: element i is {@code offset + scale * base_i}, base_i being the IL element (±1
   * for bipolar, 0..255 for u8). {@code kind} is null while the graph's input has not yet said which
   * it holds; {@code raw} while the values are still the graph input exactly. {@code features} is
   * the shape without the batch dimension.
   */
  record Elements(InputKind kind, double scale, double offset, long[] features, boolean raw, String ilSource)
      implements Value {
    long size() {
      return Tensor.elementCount(features);
    }

    Elements withMap(double newScale, double newOffset) {
      return new Elements(kind, newScale, newOffset, features, false, ilSource);
    }

    Elements withFeatures(long[] newFeatures) {
      return new Elements(kind, scale, offset, newFeatures, raw, ilSource);
    }
  }

  /** A layer's neurons: the exact dot product of its sign weights, then {@code steps}. */
  record Neurons(DenseLayer layer, List<NeuronStep> steps) implements Value {
    public Neurons {
      steps = List.copyOf(steps);
    }

    Neurons then(NeuronStep step) {
      var next = new ArrayList<>(steps);
      next.add(step);
      return new Neurons(layer, next);
    }

    int count() {
      return layer.weights().rows();
    }

    /**
     * Neuron j's value as {@code a * acc + b} of its IL accumulator (the dot product is
     * {@code 2 acc - n} over ±1 inputs and {@code acc} over bytes), or null when a step is not affine.
     */
    NeuronStep.Affine affine(int j) {
      NeuronStep.Affine affine = layer.inputKind() == InputKind.BIPOLAR
          ? new NeuronStep.Affine(2, -layer.inputs())
          : new NeuronStep.Affine(1, 0);
      for (NeuronStep step : steps) {
        affine = step.compose(j, affine);
        if (affine == null) {
          return null;
        }
      }
      return affine;
    }
  }

  /** The boolean output of a comparison of a layer's neurons, before it becomes two numbers. */
  record Fires(Neurons neurons, Activation.Compare activation, NodeAt at) implements Value {}

  /** The class chosen by ArgMax over the scores. */
  record ArgMax(Neurons scores) implements Value {}

  /**
   * A matrix product of binary weights being turned into a layer: its weights (one row per
   * neuron), the kind of vector it reads, and the node it came from (for its name and errors).
   */
  record DenseLayer(BitMatrix weights, InputKind inputKind, String ilSource, NodeAt at) {
    int inputs() {
      return weights.columns();
    }
  }
}
