package dev.brainblitz.train.nn;

import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.floats.BatchNorm;
import dev.brainblitz.ir.floats.Binarized;
import dev.brainblitz.ir.passes.FoldBatchNorm;
import dev.brainblitz.train.cnn.BinaryCnn;
import dev.brainblitz.train.cnn.BitInference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A convolutional network of one of two kinds, on images of {@code height x width} pixels.
 * A convolution stage is convolution (no bias), batch-norm per channel, its max-pools, then the
 * activation; a dense stage is dense (no bias), batch-norm, activation; the output is as in
 * {@link Mlp}.
 *
 * <ul>
 *   <li>{@link Kind#TEACHER}: float weights, ReLU, zero padding, pixels scaled to [0, 1], an output
 *       layer with bias.
 *   <li>{@link Kind#STUDENT}: binary weights, sign activations with the straight-through estimator
 *       (the gradient passes where the value lies in [-1, 1]), the declared padding element (byte
 *       0 or 255 on the 8-bit first layer, -1 or +1 after), integer-scaled scores.
 * </ul>
 *
 * Max-pooling sits after the batch-norm and before the sign: {@code sign(max(y)) = max(sign(y))}
 * because sign is monotone, so the student's forward pass is exactly the exported network's
 * threshold-then-OR, whatever the sign of the batch-norm's gamma. (ReLU is monotone too, so the
 * teacher computes the usual convolution, batch-norm, ReLU, max-pool.) Feature maps are channel
 * planes ({@code [sample][channel][y * width + x]}); the flatten before the dense layers reorders
 * them to (y, x, c), height-major, the order of the export, so the dense weights need no permutation.
 */
public final class Cnn implements Trainable {
  static final float BN_EPSILON = 1e-5f;

  /** A convolution stage and its buffers for one batch. */
  private static final class ConvStage {
    final Conv2d conv;
    final BatchNorm1d norm;
    final List<MaxPool2d> pools = new ArrayList<>();
    float[] z;
    float[] y;
    final List<float[]> pooled = new ArrayList<>();
    float[] activation;
    float[] activationGrad;
    /** Gradients of z (the convolution's output) and y (the batch-norm's), and of each pool's output. */
    float[] zGrad;
    float[] yGrad;
    final List<float[]> pooledGrad = new ArrayList<>();

    ConvStage(Conv2d conv, int maxBatch) {
      this.conv = conv;
      this.norm = new BatchNorm1d(conv.g.outChannels(), conv.g.outPixels(), BN_EPSILON, maxBatch);
    }

    /** The values the activation reads: the last pool's output, or the batch-norm's. */
    float[] preActivation() {
      return pooled.isEmpty() ? y : pooled.get(pooled.size() - 1);
    }

    int outSize() {
      return pools.isEmpty() ? conv.g.outSize() : pools.get(pools.size() - 1).outSize();
    }

    int outChannels() {
      return conv.g.outChannels();
    }
  }

  final Kind kind;
  final InputKind inputKind;
  final Architecture.Convolutional arch;
  final int height;
  final int width;
  private final int maxBatch;
  private final List<ConvStage> convs = new ArrayList<>();
  private final DenseStack stack;
  final List<Dense> dense;
  final List<BatchNorm1d> norms;
  final Dense output;
  final float[] logScale;
  private final float[] input;

  /**
   * The network of {@code arch} on {@code height x width} single-channel images; a shape that does
   * not work out is {@link ErrorCode#TRAIN_BAD_ARCH}. {@code inputKind} says how the student's
   * first layer sees pixels (ignored for a teacher).
   */
  public Cnn(Kind kind, InputKind inputKind, Architecture.Convolutional arch, int height, int width, int maxBatch) {
    this.kind = kind;
    this.inputKind = inputKind;
    this.arch = arch;
    this.height = height;
    this.width = width;
    this.maxBatch = maxBatch;
    boolean binary = kind == Kind.STUDENT;
    int h = height;
    int w = width;
    int c = 1;
    InputKind reads = binary ? inputKind : InputKind.U8;
    List<Integer> hidden = new ArrayList<>();
    for (Architecture.Stage stage : arch.stages()) {
      if (stage instanceof Architecture.Conv spec) {
        Padding padding = padding(spec.pad(), reads);
        String problem = ConvGeometry.problem(h, w, c, spec.kernel(), spec.stride(), padding.mode(), spec.channels());
        if (problem != null) {
          throw badArch(arch, "convolution '" + spec.text() + "' on a " + h + "x" + w + "x" + c + " map: " + problem);
        }
        ConvGeometry g = new ConvGeometry(h, w, c, spec.kernel(), spec.stride(), padding, spec.channels());
        float pad = !binary ? 0f : padding.value();
        convs.add(new ConvStage(new Conv2d(g, binary, binary && reads == InputKind.BIPOLAR, pad), maxBatch));
        h = g.outHeight();
        w = g.outWidth();
        c = g.outChannels();
        reads = InputKind.BIPOLAR;
      } else if (stage instanceof Architecture.Pool pool) {
        if (h % pool.size() != 0 || w % pool.size() != 0) {
          throw badArch(arch, pool.size() + "x" + pool.size() + " pooling '" + pool.text() + "' does not tile the " + h
              + "x" + w + " map");
        }
        convs.get(convs.size() - 1).pools.add(new MaxPool2d(h, w, c, pool.size(), maxBatch));
        h /= pool.size();
        w /= pool.size();
      } else if (stage instanceof Architecture.Hidden layer) {
        hidden.add(layer.neurons());
      }
    }
    int[] sizes = new int[hidden.size() + 2];
    sizes[0] = h * w * c;
    for (int k = 0; k < hidden.size(); k++) {
      sizes[k + 1] = hidden.get(k);
    }
    sizes[sizes.length - 1] = arch.classes();
    stack = new DenseStack(sizes, binary, BN_EPSILON, maxBatch);
    dense = stack.dense;
    norms = stack.norms;
    output = stack.output;
    logScale = stack.logScale;

    input = new float[maxBatch * height * width];
    for (ConvStage stage : convs) {
      int n = maxBatch * stage.conv.g.outSize();
      stage.z = new float[n];
      stage.y = new float[n];
      stage.zGrad = new float[n];
      stage.yGrad = new float[n];
      for (MaxPool2d pool : stage.pools) {
        stage.pooled.add(new float[maxBatch * pool.outSize()]);
        stage.pooledGrad.add(new float[maxBatch * pool.outSize()]);
      }
      stage.activation = new float[maxBatch * stage.outSize()];
      stage.activationGrad = new float[maxBatch * stage.outSize()];
    }
  }

  /** The pad element of a convolution that reads {@code kind}. */
  static Padding padding(Architecture.Pad pad, InputKind kind) {
    return switch (pad) {
      case VALID -> Padding.VALID;
      case SAME_LOW -> Padding.same(kind == InputKind.U8 ? 0 : -1);
      case SAME_HIGH -> Padding.same(kind == InputKind.U8 ? 255 : 1);
    };
  }

  private static DiagnosticException badArch(Architecture arch, String message) {
    return new DiagnosticException(new Diagnostic(ErrorCode.TRAIN_BAD_ARCH, SourceSpan.UNKNOWN,
        "architecture '" + arch.text() + "': " + message));
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public int inputSize() {
    return height * width;
  }

  @Override
  public int classes() {
    return arch.classes();
  }

  @Override
  public int maxBatch() {
    return maxBatch;
  }

  @Override
  public String architecture() {
    return arch.text();
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Random initial weights from {@code random}. */
  public void initialize(Random random) {
    for (ConvStage stage : convs) {
      stage.conv.initialize(random);
    }
    stack.initialize(random);
    refresh();
  }

  void refresh() {
    for (ConvStage stage : convs) {
      stage.conv.refresh();
    }
    stack.refresh();
  }

  @Override
  public float inputValue(int pixel) {
    return Trainable.pixelValue(kind, inputKind, pixel);
  }

  @Override
  public float[] forward(Parallel parallel, float[] batch, int n, boolean training) {
    System.arraycopy(batch, 0, input, 0, n * inputSize());
    boolean binary = kind == Kind.STUDENT;
    float[] x = input;
    for (ConvStage stage : convs) {
      stage.conv.forward(parallel, x, n, stage.z);
      stage.norm.forward(parallel, stage.z, n, training, stage.y);
      float[] values = stage.y;
      for (int k = 0; k < stage.pools.size(); k++) {
        stage.pools.get(k).forward(parallel, values, n, stage.pooled.get(k));
        values = stage.pooled.get(k);
      }
      activate(parallel, values, stage.activation, n * stage.outSize(), binary);
      x = stage.activation;
    }
    ConvStage last = convs.get(convs.size() - 1);
    flatten(parallel, last.activation, stack.activations[0], n, last.outChannels(),
        last.outSize() / last.outChannels(), false);
    return stack.forward(parallel, n, training);
  }

  /**
   * Between channel planes {@code [s][c][pixel]} and the flattened vector {@code [s][pixel * C + c]}
   * (height-major, the order of the export): forward when {@code back} is false, else backward.
   */
  private static void flatten(Parallel parallel, float[] planes, float[] flat, int n, int channels, int pixels,
      boolean back) {
    parallel.forEach(n, 8, (from, to) -> {
      for (int s = from; s < to; s++) {
        int o = s * channels * pixels;
        for (int c = 0; c < channels; c++) {
          for (int p = 0; p < pixels; p++) {
            if (back) {
              planes[o + c * pixels + p] = flat[o + p * channels + c];
            } else {
              flat[o + p * channels + c] = planes[o + c * pixels + p];
            }
          }
        }
      }
    });
  }

  private static void activate(Parallel parallel, float[] y, float[] a, int size, boolean binary) {
    parallel.forEach(size, 1 << 16, (from, to) -> {
      for (int i = from; i < to; i++) {
        a[i] = binary ? Activations.sign(y[i]) : Activations.relu(y[i]);
      }
    });
  }

  /** Zeroes the gradient where the activation passes none (ReLU off, or outside the STE window). */
  private void gate(Parallel parallel, float[] y, float[] da, int size) {
    boolean binary = kind == Kind.STUDENT;
    parallel.forEach(size, 1 << 16, (from, to) -> {
      for (int i = from; i < to; i++) {
        float passes = binary ? Activations.signGradient(y[i]) : Activations.reluGradient(y[i]);
        da[i] = passes != 0f ? da[i] : 0f;
      }
    });
  }

  @Override
  public void backward(Parallel parallel, float[] logitGrad, int n) {
    stack.backward(parallel, logitGrad, n, true);
    ConvStage last = convs.get(convs.size() - 1);
    flatten(parallel, last.activationGrad, stack.activationGrad[0], n, last.outChannels(),
        last.outSize() / last.outChannels(), true);
    for (int k = convs.size() - 1; k >= 0; k--) {
      ConvStage stage = convs.get(k);
      gate(parallel, stage.preActivation(), stage.activationGrad, n * stage.outSize());
      float[] grad = stage.activationGrad;
      for (int p = stage.pools.size() - 1; p >= 0; p--) {
        float[] below = p == 0 ? stage.yGrad : stage.pooledGrad.get(p - 1);
        stage.pools.get(p).backward(parallel, grad, n, below);
        grad = below;
      }
      stage.norm.backward(parallel, grad, n, stage.zGrad);
      float[] x = k == 0 ? input : convs.get(k - 1).activation;
      float[] dx = k == 0 ? null : convs.get(k - 1).activationGrad;
      stage.conv.backward(parallel, x, stage.zGrad, n, dx);
    }
  }

  @Override
  public Adam optimizer() {
    Adam adam = new Adam();
    boolean clip = kind == Kind.STUDENT;
    for (ConvStage stage : convs) {
      adam.add(stage.conv.weights, stage.conv.weightGrad, clip);
      adam.add(stage.norm.gamma, stage.norm.gammaGrad, false);
      adam.add(stage.norm.beta, stage.norm.betaGrad, false);
    }
    stack.addTo(adam);
    return adam;
  }

  @Override
  public void update(Adam adam, Parallel parallel, double rate) {
    adam.step(parallel, rate);
    refresh();
  }

  @Override
  public List<float[]> state() {
    return liveState().stream().map(float[]::clone).toList();
  }

  /** The arrays themselves, in the order of {@link #state()}: {@link TeacherFile} reads into them. */
  List<float[]> liveState() {
    List<float[]> state = new ArrayList<>();
    for (ConvStage stage : convs) {
      BatchNorm1d bn = stage.norm;
      state.addAll(List.of(stage.conv.weights, bn.gamma, bn.beta, bn.runningMean, bn.runningVariance));
    }
    stack.addState(state);
    return state;
  }

  /**
   * The student in evaluation mode as a {@link BinaryCnn}: weights become their signs
   * ({@link Binarized#weightBit}), and each channel's or neuron's batch-norm and sign become one
   * integer threshold, found by {@link FoldBatchNorm#fold} so that it fires exactly when
   * {@link #floatRule()} does, on every accumulator. The scores are the integer accumulators, bias 0.
   */
  public BinaryCnn toBinary(String name) {
    if (kind != Kind.STUDENT) {
      throw new IllegalStateException("only a binary student exports to a binary network");
    }
    BitInference.Rule reference = floatRule();
    List<BinaryCnn.Layer> layers = new ArrayList<>();
    InputKind reads = inputKind;
    int index = 0;
    for (ConvStage stage : convs) {
      ConvGeometry g = stage.conv.g;
      ThresholdTable thresholds = fold(reference, index, g.outChannels(), reads, g.fanIn());
      layers.add(new BinaryCnn.Conv(g.kernel(), g.stride(), g.padding(), bits(stage.conv.weights, g.outChannels(),
          g.fanIn()), thresholds));
      index++;
      for (MaxPool2d pool : stage.pools) {
        layers.add(new BinaryCnn.MaxPool(pool.size));
        index++;
      }
      reads = InputKind.BIPOLAR;
    }
    layers.add(new BinaryCnn.Flatten());
    index++;
    for (Dense d : dense) {
      layers.add(new BinaryCnn.Dense(bits(d.weights, d.outputs, d.inputs), fold(reference, index, d.outputs,
          InputKind.BIPOLAR, d.inputs)));
      index++;
    }
    layers.add(new BinaryCnn.Scores(bits(output.weights, output.outputs, output.inputs), new int[output.outputs]));
    return new BinaryCnn(name, inputKind, height, width, 1, layers);
  }

  private static ThresholdTable fold(BitInference.Rule reference, int layer, int outputs, InputKind kind, int fanIn) {
    long min = Accumulator.min(kind, fanIn);
    long max = Accumulator.max(kind, fanIn);
    long[] thresholds = new long[outputs];
    Direction[] directions = new Direction[outputs];
    for (int j = 0; j < outputs; j++) {
      int neuron = j;
      FoldBatchNorm.Rule rule = FoldBatchNorm.fold(acc -> reference.fires(layer, neuron, acc), min, max);
      thresholds[j] = rule.threshold();
      directions[j] = rule.direction();
    }
    return ThresholdTable.of(thresholds, directions);
  }

  /**
   * What the trained student computes for each convolution or dense output, as a rule on the
   * exported network's layers: {@code gamma * ((dot + 0) - mean) / sqrt(variance + epsilon) + beta >= 0}
   * ({@link BatchNorm#preActivation}, in double, with the running statistics), {@code dot} the
   * exact integer dot product of the sign weights with the layer input. Max-pooling follows in
   * the student and is an OR in the export; both give the same bit. Fails if training diverged
   * (a parameter is not finite).
   */
  public BitInference.Rule floatRule() {
    List<BatchNorm> byLayer = new ArrayList<>();
    List<InputKind> kinds = new ArrayList<>();
    List<Integer> fanIns = new ArrayList<>();
    InputKind reads = inputKind;
    for (ConvStage stage : convs) {
      byLayer.add(batchNorm(stage.norm));
      kinds.add(reads);
      fanIns.add(stage.conv.g.fanIn());
      for (int p = 0; p < stage.pools.size(); p++) {
        byLayer.add(null);
        kinds.add(null);
        fanIns.add(0);
      }
      reads = InputKind.BIPOLAR;
    }
    byLayer.add(null);
    kinds.add(null);
    fanIns.add(0);
    for (int k = 0; k < dense.size(); k++) {
      byLayer.add(batchNorm(norms.get(k)));
      kinds.add(InputKind.BIPOLAR);
      fanIns.add(dense.get(k).inputs);
    }
    return (layer, neuron, acc) -> byLayer.get(layer).preActivation(neuron,
        Binarized.dot(kinds.get(layer), fanIns.get(layer), acc), 0.0) >= 0;
  }

  private static BatchNorm batchNorm(BatchNorm1d bn) {
    BatchNorm norm = new BatchNorm(doubles(bn.gamma), doubles(bn.beta), doubles(bn.runningMean),
        doubles(bn.runningVariance), bn.epsilon);
    for (int j = 0; j < bn.features; j++) {
      boolean finite = Double.isFinite(norm.gamma().get(j)) && Double.isFinite(norm.beta().get(j))
          && Double.isFinite(norm.mean().get(j)) && norm.hasValidScale(j);
      if (!finite) {
        throw new IllegalStateException("training diverged: batch-norm parameters of channel " + j
            + " are not finite");
      }
    }
    return norm;
  }

  private static BitMatrix bits(float[] weights, int rows, int columns) {
    boolean[][] bits = new boolean[rows][columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        float w = weights[r * columns + c];
        if (!Float.isFinite(w)) {
          throw new IllegalStateException("training diverged: a weight is " + w);
        }
        bits[r][c] = Binarized.weightBit(w);
      }
    }
    return BitMatrix.fromBits(bits);
  }

  private static double[] doubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
