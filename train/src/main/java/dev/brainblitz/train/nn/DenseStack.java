package dev.brainblitz.train.nn;

import dev.brainblitz.ir.faults.FaultClass;
import dev.brainblitz.ir.faults.FaultDraws;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fully connected part of a network: hidden layers (dense without bias, batch-norm,
 * activation) and the output. It is all of an {@link Mlp} and the part of a {@link Cnn} after the
 * flatten.
 *
 * <ul>
 *   <li>Float (teacher): ReLU, an output layer with bias whose outputs are the logits.
 *   <li>Binary (student): sign activations with the straight-through estimator (the gradient passes
 *       where the batch-norm output lies in [-1, 1], the gradient of hardtanh), and integer-scaled
 *       scores: the logit of class c is {@code exp(u) * dot_c}, one learned positive scale shared by
 *       all classes, so the ranking is that of the integer dot products, which is exactly what the
 *       exported {@code scores} ranks.
 * </ul>
 */
final class DenseStack {
  final boolean binary;
  final int[] sizes;
  final List<Dense> dense = new ArrayList<>();
  final List<BatchNorm1d> norms = new ArrayList<>();
  final Dense output;
  /** The student's log output scale u. */
  final float[] logScale = new float[1];
  final float[] logScaleGrad = new float[1];
  /** {@code activations[0]} is the input; {@code activationGrad[0]} its gradient. */
  final float[][] activations;
  final float[][] activationGrad;
  private final float[][] preNorm;
  private final float[][] postNorm;
  private final float[] preNormGrad;
  private final float[] rawScores;
  private final float[] logits;
  /** Fault-aware training: rates of weight and activation flips in training forward passes (0: none). */
  private double weightFlipRate;
  private double activationFlipRate;
  private long faultSeed;
  /** Training forward passes so far: the index that keys each step's flips. */
  private long faultStep;

  /** {@code sizes}: inputs, hidden..., classes. */
  DenseStack(int[] sizes, boolean binary, float epsilon, int maxBatch) {
    this.binary = binary;
    this.sizes = sizes.clone();
    int hidden = sizes.length - 2;
    for (int k = 0; k < hidden; k++) {
      dense.add(new Dense(sizes[k], sizes[k + 1], binary, false));
      norms.add(new BatchNorm1d(sizes[k + 1], epsilon, maxBatch));
    }
    output = new Dense(sizes[hidden], sizes[hidden + 1], binary, !binary);
    activations = new float[hidden + 1][];
    preNorm = new float[hidden][];
    postNorm = new float[hidden][];
    activationGrad = new float[hidden + 1][];
    int widest = 0;
    for (int k = 0; k <= hidden; k++) {
      activations[k] = new float[maxBatch * sizes[k]];
      activationGrad[k] = new float[maxBatch * sizes[k]];
      widest = Math.max(widest, sizes[k + 1]);
      if (k < hidden) {
        preNorm[k] = new float[maxBatch * sizes[k + 1]];
        postNorm[k] = new float[maxBatch * sizes[k + 1]];
      }
    }
    preNormGrad = new float[maxBatch * widest];
    rawScores = new float[maxBatch * classes()];
    logits = new float[maxBatch * classes()];
    logScale[0] = (float) Math.log(1 / Math.sqrt(sizes[hidden]));
  }

  int classes() {
    return sizes[sizes.length - 1];
  }

  void initialize(Random random) {
    for (Dense d : dense) {
      d.initialize(random);
    }
    output.initialize(random);
  }

  void refresh() {
    dense.forEach(Dense::refresh);
    output.refresh();
  }

  /**
   * Fault-aware training of a binary stack: each training forward pass (step t, counted from 1)
   * inverts the binarized weights of layer k (the output layer being the last) drawn in stream
   * (seed, weights, k, t) with {@code weightRate}, and the sign activations of hidden layer k over
   * the batch drawn in stream (seed, activations, k, t) with {@code activationRate}
   * ({@link FaultDraws}); evaluation passes see no faults. Gradients pass the flips straight
   * through: the backward pass uses the flipped weights and activations as the forward did.
   */
  void faultAware(double weightRate, double activationRate, long seed) {
    this.weightFlipRate = weightRate;
    this.activationFlipRate = activationRate;
    this.faultSeed = seed;
  }

  /** Continues fault-aware training after {@code steps} training forward passes. */
  void resumeFaultSteps(long steps) {
    this.faultStep = steps;
  }

  /** The logits of the {@code n} samples in {@code activations[0]}. */
  float[] forward(Parallel parallel, int n, boolean training) {
    boolean faulty = training && binary && (weightFlipRate > 0 || activationFlipRate > 0);
    if (faulty) {
      faultStep++;
      if (weightFlipRate > 0) {
        for (int k = 0; k <= dense.size(); k++) {
          Dense d = k < dense.size() ? dense.get(k) : output;
          d.refresh(); // from the latent weights: last step's flips are gone
          FaultDraws draws = FaultDraws.of(faultSeed, FaultClass.WEIGHTS, k, faultStep, weightFlipRate,
              (long) d.outputs * d.inputs);
          for (long p = draws.next(); p >= 0; p = draws.next()) {
            int j = (int) (p / d.inputs);
            int i = (int) (p % d.inputs);
            d.effective[j][i] = -d.effective[j][i];
            d.effectiveT[i][j] = -d.effectiveT[i][j];
          }
        }
      }
    }
    for (int k = 0; k < dense.size(); k++) {
      dense.get(k).forward(parallel, activations[k], n, preNorm[k]);
      norms.get(k).forward(parallel, preNorm[k], n, training, postNorm[k]);
      float[] y = postNorm[k];
      float[] a = activations[k + 1];
      int size = n * sizes[k + 1];
      for (int i = 0; i < size; i++) {
        a[i] = binary ? Activations.sign(y[i]) : Activations.relu(y[i]);
      }
      if (faulty && activationFlipRate > 0) {
        FaultDraws draws = FaultDraws.of(faultSeed, FaultClass.ACTIVATIONS, k, faultStep, activationFlipRate, size);
        for (long p = draws.next(); p >= 0; p = draws.next()) {
          a[(int) p] = -a[(int) p];
        }
      }
    }
    int classes = classes();
    if (!binary) {
      output.forward(parallel, activations[dense.size()], n, logits);
      return logits;
    }
    output.forward(parallel, activations[dense.size()], n, rawScores);
    float scale = (float) StrictMath.exp(logScale[0]);
    for (int i = 0; i < n * classes; i++) {
      logits[i] = scale * rawScores[i];
    }
    return logits;
  }

  /**
   * Back-propagates {@code logitGrad} through the last training-mode {@link #forward}; fills
   * {@code activationGrad[0]} when {@code inputGradient}.
   */
  void backward(Parallel parallel, float[] logitGrad, int n, boolean inputGradient) {
    int classes = classes();
    int hidden = dense.size();
    float[] scoreGrad = logitGrad;
    if (binary) {
      float scale = (float) StrictMath.exp(logScale[0]);
      double ds = 0;
      scoreGrad = new float[n * classes];
      for (int i = 0; i < n * classes; i++) {
        ds += (double) logitGrad[i] * rawScores[i];
        scoreGrad[i] = scale * logitGrad[i];
      }
      logScaleGrad[0] = (float) (ds * scale);
    }
    output.backward(parallel, activations[hidden], scoreGrad, n,
        hidden > 0 || inputGradient ? activationGrad[hidden] : null);
    for (int k = hidden - 1; k >= 0; k--) {
      float[] y = postNorm[k];
      float[] da = activationGrad[k + 1];
      int size = n * sizes[k + 1];
      for (int i = 0; i < size; i++) {
        float passes = binary ? Activations.signGradient(y[i]) : Activations.reluGradient(y[i]);
        da[i] = passes != 0f ? da[i] : 0f;
      }
      norms.get(k).backward(parallel, da, n, preNormGrad);
      dense.get(k).backward(parallel, activations[k], preNormGrad, n,
          k > 0 || inputGradient ? activationGrad[k] : null);
    }
  }

  /** Registers every parameter: weights (clipped for a student), gamma, beta, the output, u. */
  void addTo(Adam adam) {
    for (int k = 0; k < dense.size(); k++) {
      adam.add(dense.get(k).weights, dense.get(k).weightGrad, binary);
      adam.add(norms.get(k).gamma, norms.get(k).gammaGrad, false);
      adam.add(norms.get(k).beta, norms.get(k).betaGrad, false);
    }
    adam.add(output.weights, output.weightGrad, binary);
    if (output.bias != null) {
      adam.add(output.bias, output.biasGrad, false);
    }
    if (binary) {
      adam.add(logScale, logScaleGrad, false);
    }
  }

  /** Every parameter and running statistic, in a fixed order. */
  void addState(List<float[]> state) {
    for (int k = 0; k < dense.size(); k++) {
      state.add(dense.get(k).weights);
      BatchNorm1d bn = norms.get(k);
      state.addAll(List.of(bn.gamma, bn.beta, bn.runningMean, bn.runningVariance));
    }
    state.add(output.weights);
    if (output.bias != null) {
      state.add(output.bias);
    }
    state.add(logScale);
  }
}
