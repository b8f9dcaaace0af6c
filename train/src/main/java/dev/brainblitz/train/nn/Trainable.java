package dev.brainblitz.train.nn;

import java.util.List;

/**
 * A network the trainer can fit: a float teacher or a binary student, fully connected
 * ({@link Mlp}) or convolutional ({@link Cnn}). Buffers for one batch of at most
 * {@link #maxBatch()} samples are allocated once; a forward pass returns the logits of the batch,
 * a backward pass after a training-mode forward fills every parameter's gradient.
 */
public sealed interface Trainable permits Mlp, Cnn {
  /** Which of the two networks of a distillation this is. */
  enum Kind {
    /** Float weights, ReLU, pixels scaled to [0, 1]. */
    TEACHER,
    /** Binary weights and activations, integer-scaled scores, raw pixels. */
    STUDENT
  }

  Kind kind();

  /** Input values per sample. */
  int inputSize();

  int classes();

  int maxBatch();

  /** How this network sees a pixel (0..255). */
  float inputValue(int pixel);

  /**
   * How a network of {@code kind} sees a pixel: a teacher scaled to [0, 1]; a student the byte as
   * it is (u8 input), or +1 for pixel {@code >= 128} and -1 otherwise (bipolar input).
   */
  static float pixelValue(Kind kind, dev.brainblitz.ir.InputKind inputKind, int pixel) {
    if (kind == Kind.TEACHER) {
      return pixel / 255f;
    }
    return inputKind == dev.brainblitz.ir.InputKind.U8 ? pixel : (pixel >= 128 ? 1f : -1f);
  }

  /** The logits of {@code n} samples whose input values fill {@code input[0 .. n * inputSize)}. */
  float[] forward(Parallel parallel, float[] input, int n, boolean training);

  /** Back-propagates {@code logitGrad} through the last training-mode {@link #forward}. */
  void backward(Parallel parallel, float[] logitGrad, int n);

  /** An optimizer over every parameter; a student's latent weights are clipped to [-1, 1]. */
  Adam optimizer();

  /** One optimizer step, then the effective weights follow the latent ones. */
  void update(Adam adam, Parallel parallel, double rate);

  /** A copy of every parameter and running statistic, in a fixed order (for comparing runs). */
  List<float[]> state();

  /** The architecture as {@code --arch} writes it. */
  String architecture();
}
