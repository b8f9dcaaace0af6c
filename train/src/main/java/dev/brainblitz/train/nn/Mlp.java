package dev.brainblitz.train.nn;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.floats.BatchNorm;
import dev.brainblitz.ir.floats.FloatLayer;
import dev.brainblitz.ir.floats.FloatMatrix;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.floats.FloatScores;
import dev.brainblitz.ir.floats.FloatVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A multi-layer perceptron of one of two kinds. Each hidden layer is dense (no bias: the
 * batch-norm's beta plays that part), batch-norm, then an activation.
 *
 * <ul>
 *   <li>{@link Kind#TEACHER}: float weights, ReLU, an output layer with bias. Pixels are scaled to
 *       [0, 1].
 *   <li>{@link Kind#STUDENT}: binary weights (signs of latent weights), sign activations with the
 *       straight-through estimator (the gradient passes where the batch-norm output lies in [-1, 1],
 *       i.e. the gradient of hardtanh), and integer-scaled scores: the logit of class c is
 *       {@code exp(u) * dot_c}, one positive scale shared by all classes, so the ranking is that of
 *       the integer dot products, which is exactly what the exported IL {@code scores} node ranks.
 *       The first layer reads raw bytes 0..255 (u8), or ±1 pixels (binarized input).
 * </ul>
 *
 * Buffers for one batch of at most {@code maxBatch} samples are allocated once.
 */
public final class Mlp implements Trainable {
  static final float BN_EPSILON = 1e-5f;

  final Kind kind;
  final InputKind inputKind;
  final int[] sizes;
  private final DenseStack stack;
  final List<Dense> dense;
  final List<BatchNorm1d> norms;
  final Dense output;
  /** The student's log output scale u. */
  final float[] logScale;
  final float[] logScaleGrad;
  private final int maxBatch;

  /**
   * {@code sizes}: input, hidden..., classes. {@code inputKind} says how the student's first layer
   * sees pixels (ignored for a teacher).
   */
  public Mlp(Kind kind, InputKind inputKind, int[] sizes, int maxBatch) {
    this.kind = kind;
    this.inputKind = inputKind;
    this.sizes = sizes.clone();
    this.maxBatch = maxBatch;
    this.stack = new DenseStack(sizes, kind == Kind.STUDENT, BN_EPSILON, maxBatch);
    this.dense = stack.dense;
    this.norms = stack.norms;
    this.output = stack.output;
    this.logScale = stack.logScale;
    this.logScaleGrad = stack.logScaleGrad;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public int inputSize() {
    return sizes[0];
  }

  @Override
  public int classes() {
    return sizes[sizes.length - 1];
  }

  @Override
  public int maxBatch() {
    return maxBatch;
  }

  @Override
  public String architecture() {
    return TeacherFile.shape(sizes);
  }

  /** The layer sizes: input, hidden..., classes. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** Fault-aware training: see {@code DenseStack.faultAware}; a student only. */
  public void faultAware(double weightRate, double activationRate, long seed) {
    if (kind != Kind.STUDENT) {
      throw new IllegalStateException("only a binary student trains fault-aware");
    }
    stack.faultAware(weightRate, activationRate, seed);
  }

  /** Continues fault-aware training after {@code steps} training forward passes ({@link Checkpoint}). */
  void resumeFaultSteps(long steps) {
    stack.resumeFaultSteps(steps);
  }

  /** Random initial weights from {@code random}. */
  public void initialize(Random random) {
    stack.initialize(random);
    refresh();
  }

  void refresh() {
    stack.refresh();
  }

  /** How this network sees a pixel (0..255). */
  @Override
  public float inputValue(int pixel) {
    return Trainable.pixelValue(kind, inputKind, pixel);
  }

  /** The logits of {@code n} samples whose input values fill {@code input[0 .. n * inputSize)}. */
  @Override
  public float[] forward(Parallel parallel, float[] input, int n, boolean training) {
    System.arraycopy(input, 0, stack.activations[0], 0, n * sizes[0]);
    return stack.forward(parallel, n, training);
  }

  /** Back-propagates {@code logitGrad} through the last training-mode {@link #forward}. */
  @Override
  public void backward(Parallel parallel, float[] logitGrad, int n) {
    stack.backward(parallel, logitGrad, n, false);
  }

  /** An optimizer over every parameter; a student's latent weights are clipped to [-1, 1]. */
  @Override
  public Adam optimizer() {
    Adam adam = new Adam();
    stack.addTo(adam);
    return adam;
  }

  /** One optimizer step, then the effective weights follow the latent ones. */
  @Override
  public void update(Adam adam, Parallel parallel, double rate) {
    adam.step(parallel, rate);
    refresh();
  }

  /**
   * The student as a float model in evaluation mode: latent weights (binarized by their sign),
   * zero dense biases, the running batch-norm statistics, zero score biases. Its meaning
   * ({@link dev.brainblitz.ir.floats.FloatReference}, in double arithmetic over exact integer dot
   * products) is what this student predicts; {@code FoldBatchNorm} turns it into IL exactly.
   */
  public FloatModel toFloatModel(String name) {
    if (kind != Kind.STUDENT) {
      throw new IllegalStateException("only a binary student exports to the IL");
    }
    List<FloatLayer> layers = new ArrayList<>();
    for (int k = 0; k < dense.size(); k++) {
      Dense d = dense.get(k);
      BatchNorm1d bn = norms.get(k);
      layers.add(new FloatLayer(matrix(d), FloatVector.filled(d.outputs, 0),
          new BatchNorm(doubles(bn.gamma), doubles(bn.beta), doubles(bn.runningMean), doubles(bn.runningVariance),
              bn.epsilon)));
    }
    FloatScores scores = new FloatScores(matrix(output), FloatVector.filled(output.outputs, 0));
    return new FloatModel(name, inputKind, sizes[0], layers, scores);
  }

  private static FloatMatrix matrix(Dense d) {
    double[][] rows = new double[d.outputs][d.inputs];
    for (int j = 0; j < d.outputs; j++) {
      for (int i = 0; i < d.inputs; i++) {
        rows[j][i] = d.weights[j * d.inputs + i];
      }
    }
    return FloatMatrix.of(rows);
  }

  private static double[] doubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** A copy of every parameter and running statistic, in a fixed order (for comparing runs). */
  @Override
  public List<float[]> state() {
    return liveState().stream().map(float[]::clone).toList();
  }

  /** The arrays themselves, in the order of {@link #state()}: {@link TeacherFile} reads into them. */
  List<float[]> liveState() {
    List<float[]> state = new ArrayList<>();
    stack.addState(state);
    return state;
  }
}
