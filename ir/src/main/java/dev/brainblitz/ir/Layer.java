package dev.brainblitz.ir;

import java.util.List;

/**
 * One hidden layer of a {@link Network}: the unit every backend lowers, made of one or more nodes
 * of the model: {@link DenseLayer}, and the convolutional kinds {@link ConvLayer}, {@link PoolLayer} and
 * {@link FlattenLayer}, each with its own {@link Kind}.
 *
 * <p>Code that treats layers by kind switches over {@link #kind()} with a switch <em>expression</em>
 * and no {@code default}: adding a kind then breaks the build at every place that must handle it.
 * The cast in each case is safe because a kind names exactly one record.
 */
public sealed interface Layer permits DenseLayer, ConvLayer, PoolLayer, FlattenLayer {

  /** Which kind of layer this is; a kind names exactly one implementing record. */
  Kind kind();

  /** The kinds of layer, one per implementing record. */
  enum Kind {
    /** {@link DenseLayer}: a binary matrix-vector product and the thresholds that binarize it. */
    DENSE,
    /** {@link ConvLayer}: a binary convolution and the per-channel thresholds that binarize it. */
    CONV2D,
    /** {@link PoolLayer}: OR-pooling of a binary feature map. */
    MAXPOOL,
    /** {@link FlattenLayer}: a binary feature map read as a vector (no computation, a fixed order). */
    FLATTEN
  }

  /** The layer's name as backends print it (module, label and report names): its first node's name. */
  String name();

  /** The kind of the vector the layer reads. */
  InputKind inputKind();

  /** Elements of the vector (or feature map, all its elements) the layer reads. */
  int inputs();

  /** Elements of the bipolar vector (or feature map) the layer produces. */
  int outputs();

  /** Weight bits the layer stores. */
  long weightBits();

  /** The model's nodes that make up this layer, in declaration order. */
  List<Node> nodes();
}
