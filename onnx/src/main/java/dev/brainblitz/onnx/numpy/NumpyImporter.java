package dev.brainblitz.onnx.numpy;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.floats.BatchNorm;
import dev.brainblitz.ir.floats.FloatLayer;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.floats.FloatScores;
import dev.brainblitz.ir.passes.FoldBatchNorm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports the float parameters of a binarized MLP saved with {@code numpy.savez}, named as the
 * {@code state_dict} of a PyTorch module with layers {@code fc1, bn1, fc2, bn2, ..., fcL}:
 *
 * <ul>
 *   <li>hidden layer k: {@code fck.weight} [out, in] (binarized by sign, 0 counting as +1),
 *       optionally {@code fck.bias} [out], and {@code bnk.weight}, {@code bnk.bias},
 *       {@code bnk.running_mean}, {@code bnk.running_var} [out] ({@code bnk.num_batches_tracked}
 *       is ignored); a neuron outputs +1 when its batch-norm output is {@code >= 0};
 *   <li>the output layer L: {@code fcL.weight} [classes, in] and optionally {@code fcL.bias}: the
 *       logits {@code dot + bias} of PyTorch's Linear.
 * </ul>
 *
 * The layers become a {@link FloatModel} (docs/il.md, "Float models") and go through
 * {@link FoldBatchNorm}, so the model is exact. Over ±1 activations the logits are
 * {@code 2 acc - n + bias}, so they rank classes as IL scores with bias {@code bias / 2} (or, when
 * those are not integers, {@code (bias - bias_0) / 2}); a bias with no such integer form is refused.
 */
public final class NumpyImporter {
  private NumpyImporter() {}

  /** The model in {@code npz} for {@code sizes} (input, hidden..., classes). */
  public static Model read(Path npz, int[] sizes, InputKind inputKind, double epsilon, String name) {
    String file = npz.toString();
    Map<String, NpyArray> arrays = NpzArchive.read(npz);
    Set<String> unused = new TreeSet<>(arrays.keySet());
    int layers = sizes.length - 1;
    List<FloatLayer> hidden = new ArrayList<>();
    for (int k = 1; k < layers; k++) {
      int in = sizes[k - 1];
      int out = sizes[k];
      double[][] weights = take(arrays, unused, file, "fc" + k + ".weight", new long[] {out, in}).rows();
      double[] bias = optional(arrays, unused, file, "fc" + k + ".bias", out);
      String bn = "bn" + k + ".";
      double[] gamma = take(arrays, unused, file, bn + "weight", new long[] {out}).values();
      double[] beta = take(arrays, unused, file, bn + "bias", new long[] {out}).values();
      double[] mean = take(arrays, unused, file, bn + "running_mean", new long[] {out}).values();
      double[] variance = take(arrays, unused, file, bn + "running_var", new long[] {out}).values();
      unused.remove(bn + "num_batches_tracked");
      hidden.add(new FloatLayer(weights, bias, new BatchNorm(gamma, beta, mean, variance, epsilon)));
    }
    String last = "fc" + layers;
    double[][] weights = take(arrays, unused, file, last + ".weight", new long[] {sizes[layers], sizes[layers - 1]}).rows();
    double[] logitBias = optional(arrays, unused, file, last + ".bias", sizes[layers]);
    if (!unused.isEmpty()) {
      throw error(file, ErrorCode.NPY_UNEXPECTED_KEY, "array '" + unused.iterator().next() + "' is not a parameter of"
          + " a " + Arrays.toString(sizes) + " network (keys read: fcK.weight, fcK.bias, bnK.weight, bnK.bias,"
          + " bnK.running_mean, bnK.running_var, bnK.num_batches_tracked; " + unused.size() + " unused)");
    }
    InputKind scoresKind = layers == 1 ? inputKind : InputKind.BIPOLAR;
    double[] bias = scoreBias(file, last, logitBias, scoresKind);
    FloatModel floats = new FloatModel(name, inputKind, sizes[0], hidden, new FloatScores(weights, bias));
    try {
      return new FoldBatchNorm().apply(floats).model();
    } catch (DiagnosticException e) {
      // The fold's diagnostics have no position; they happened in this file.
      var placed = new Diagnostics();
      for (Diagnostic d : e.diagnostics()) {
        placed.error(d.code(), d.span().isKnown() ? d.span() : SourceSpan.wholeFile(file), d.message());
      }
      placed.throwIfAny();
      throw e;
    }
  }

  /** IL score biases ranking classes as {@code dot + bias} does: see the class comment. */
  private static double[] scoreBias(String file, String key, double[] logitBias, InputKind kind) {
    int divisor = kind == InputKind.BIPOLAR ? 2 : 1;
    double[] exact = new double[logitBias.length];
    double[] shifted = new double[logitBias.length];
    boolean exactOk = true;
    boolean shiftedOk = true;
    for (int c = 0; c < logitBias.length; c++) {
      exact[c] = logitBias[c] / divisor;
      shifted[c] = (logitBias[c] - logitBias[0]) / divisor;
      exactOk &= FloatScores.isIntegralBias(exact[c]);
      shiftedOk &= FloatScores.isIntegralBias(shifted[c]);
    }
    if (exactOk) {
      return exact;
    }
    if (shiftedOk) {
      return shifted;
    }
    throw error(file, ErrorCode.NPY_NOT_FINITE, "array '" + key + ".bias': the output biases differ by amounts that"
        + " are not whole accumulator steps (" + divisor + " apart), so no integer IL bias ranks the classes the same"
        + " way; train the output layer without bias");
  }

  private static NpyArray take(Map<String, NpyArray> arrays, Set<String> unused, String file, String key, long[] shape) {
    NpyArray array = arrays.get(key);
    if (array == null) {
      throw error(file, ErrorCode.NPY_MISSING_KEY, "no array '" + key + "' (expected shape " + Arrays.toString(shape)
          + "); the archive holds " + arrays.keySet());
    }
    if (!Arrays.equals(array.shape(), shape)) {
      throw error(file, ErrorCode.NPY_SHAPE, "array '" + key + "' has shape " + Arrays.toString(array.shape())
          + ", the architecture needs " + Arrays.toString(shape) + " ([out, in] for weights)");
    }
    for (int i = 0; i < array.size(); i++) {
      if (!Double.isFinite(array.get(i))) {
        throw error(file, ErrorCode.NPY_NOT_FINITE, "array '" + key + "' holds " + array.get(i) + " at index " + i
            + "; every parameter must be a finite number");
      }
    }
    unused.remove(key);
    return array;
  }

  private static double[] optional(Map<String, NpyArray> arrays, Set<String> unused, String file, String key, int size) {
    return arrays.containsKey(key) ? take(arrays, unused, file, key, new long[] {size}).values() : new double[size];
  }

  private static DiagnosticException error(String file, ErrorCode code, String message) {
    return new DiagnosticException(new Diagnostic(code, SourceSpan.wholeFile(file), message));
  }
}
