package dev.brainblitz.train;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.Arrays;

/**
 * Everything that decides a training run: together with the data, these values determine the
 * trained model bit for bit (the number of threads does not).
 *
 * @param arch layer sizes of the student: input, hidden..., classes (e.g. 784-256-256-10)
 * @param teacherArch layer sizes of the teacher
 * @param epochs student epochs
 * @param teacherEpochs teacher epochs (when a teacher is trained)
 * @param batchSize samples per step
 * @param learningRate Adam's initial rate for the student, decayed to 0 along a cosine
 * @param teacherLearningRate the same for the teacher
 * @param alpha weight of the cross-entropy with the labels (1: no distillation)
 * @param temperature distillation temperature T
 * @param binarizedInput whether the student's first layer reads ±1 pixels (pixel >= 128) instead of bytes
 * @param seed seed of initial weights and of the order of samples
 */
public record TrainingOptions(int[] arch, int[] teacherArch, int epochs, int teacherEpochs, int batchSize,
    double learningRate, double teacherLearningRate, double alpha, double temperature, boolean binarizedInput,
    long seed) {
  public TrainingOptions {
    arch = arch.clone();
    teacherArch = teacherArch.clone();
    check(arch.length >= 2, "an architecture has at least an input and an output size");
    check(teacherArch.length >= 2 && teacherArch[0] == arch[0] && teacherArch[teacherArch.length - 1]
        == arch[arch.length - 1], "the teacher must have the student's input and output sizes");
    check(epochs >= 1 && teacherEpochs >= 0, "epochs must be at least 1");
    check(batchSize >= 2, "the batch size must be at least 2 (batch-norm needs a batch)");
    check(learningRate > 0 && teacherLearningRate > 0, "learning rates must be positive");
    check(alpha >= 0 && alpha <= 1, "alpha must lie in [0, 1]");
    check(temperature > 0, "the temperature must be positive");
  }

  /** The defaults of {@code blitz train} for an architecture. */
  public static TrainingOptions defaults(int[] arch) {
    return new TrainingOptions(arch, arch, 30, 15, 100, 0.005, 0.001, 0.5, 4.0, false, 1);
  }

  @Override
  public int[] arch() {
    return arch.clone();
  }

  @Override
  public int[] teacherArch() {
    return teacherArch.clone();
  }

  /** {@code 784-256-256-10} as sizes; a malformed text is {@link ErrorCode#TRAIN_BAD_ARCH}. */
  public static int[] parseArch(String text) {
    String[] parts = text.split("-", -1);
    int[] sizes = new int[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        sizes[k] = Integer.parseInt(parts[k].trim());
      } catch (NumberFormatException e) {
        sizes[k] = -1;
      }
      check(sizes[k] >= 1 && sizes[k] <= 1 << 16, "architecture '" + text
          + "' must be layer sizes between 1 and 65536 joined by '-', e.g. 784-256-256-10");
    }
    check(sizes.length >= 2, "architecture '" + text + "' needs at least an input and an output size");
    return sizes;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.TRAIN_BAD_ARCH, SourceSpan.UNKNOWN, message));
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrainingOptions o && Arrays.equals(arch, o.arch) && Arrays.equals(teacherArch, o.teacherArch)
        && epochs == o.epochs && teacherEpochs == o.teacherEpochs && batchSize == o.batchSize
        && learningRate == o.learningRate && teacherLearningRate == o.teacherLearningRate && alpha == o.alpha
        && temperature == o.temperature && binarizedInput == o.binarizedInput && seed == o.seed;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(arch) * 31 + Long.hashCode(seed);
  }

  @Override
  public String toString() {
    return "TrainingOptions[arch=" + Arrays.toString(arch) + ", epochs=" + epochs + ", alpha=" + alpha + ", T="
        + temperature + ", seed=" + seed + "]";
  }
}
