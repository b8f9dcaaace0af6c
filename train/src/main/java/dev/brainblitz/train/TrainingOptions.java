package dev.brainblitz.train;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.train.nn.Architecture;

/**
 * Everything that decides a training run: together with the data, these values determine the
 * trained model bit for bit (the number of threads does not).
 *
 * @param arch the student: layer sizes (e.g. 784-256-256-10) or a convolutional stack
 *     (e.g. c32-c32-p-c64-c64-p-f256-10), see {@link Architecture}
 * @param teacherArch the teacher's architecture
 * @param epochs student epochs
 * @param teacherEpochs teacher epochs (when a teacher is trained)
 * @param batchSize samples per step
 * @param learningRate Adam's initial rate for the student, decayed to 0 along a cosine
 * @param teacherLearningRate the same for the teacher
 * @param alpha weight of the cross-entropy with the labels (1: no distillation)
 * @param temperature distillation temperature T
 * @param binarizedInput whether the student's first layer reads ±1 pixels (pixel >= 128) instead of bytes
 * @param augment whether training images are randomly shifted by up to 2 pixels and mirrored
 * @param seed seed of initial weights, of the order of samples and of the augmentation
 * @param faultAware bit-error rates injected into the student's training forward passes (docs/faults.md)
 */
public record TrainingOptions(Architecture arch, Architecture teacherArch, int epochs, int teacherEpochs,
    int batchSize, double learningRate, double teacherLearningRate, double alpha, double temperature,
    boolean binarizedInput, boolean augment, long seed, FaultTraining faultAware) {

  /**
   * Fault-aware training: the rates at which the student's binarized weights and hidden activations
   * are inverted in each training forward pass (0 and 0: ordinary training).
   */
  public record FaultTraining(double weights, double activations) {
    public static final FaultTraining NONE = new FaultTraining(0, 0);

    public FaultTraining {
      check(weights >= 0 && weights <= 1 && activations >= 0 && activations <= 1,
          "fault-aware rates must lie in [0, 1]");
    }

    public boolean any() {
      return weights > 0 || activations > 0;
    }

    /**
     * {@code weights=RATE,activations=RATE} (either may be left out), the fault spec syntax of
     * docs/faults.md: its errors are FLT codes; another fault class is DAT008.
     */
    public static FaultTraining parse(String text) {
      var spec = dev.brainblitz.ir.faults.FaultSpec.parse(text, "--fault-aware", 0);
      for (var c : spec.rates().keySet()) {
        check(c == dev.brainblitz.ir.faults.FaultClass.WEIGHTS || c == dev.brainblitz.ir.faults.FaultClass.ACTIVATIONS,
            "--fault-aware takes weights= and activations= only, not " + c.keyword());
      }
      return new FaultTraining(spec.rate(dev.brainblitz.ir.faults.FaultClass.WEIGHTS),
          spec.rate(dev.brainblitz.ir.faults.FaultClass.ACTIVATIONS));
    }

    /** The canonical text, as the model file's reproduction comment writes it. */
    public String text() {
      return "weights=" + dev.brainblitz.ir.faults.FaultSpec.formatRate(weights) + ",activations="
          + dev.brainblitz.ir.faults.FaultSpec.formatRate(activations);
    }
  }

  /** Ordinary (not fault-aware) training. */
  public TrainingOptions(Architecture arch, Architecture teacherArch, int epochs, int teacherEpochs,
      int batchSize, double learningRate, double teacherLearningRate, double alpha, double temperature,
      boolean binarizedInput, boolean augment, long seed) {
    this(arch, teacherArch, epochs, teacherEpochs, batchSize, learningRate, teacherLearningRate, alpha, temperature,
        binarizedInput, augment, seed, FaultTraining.NONE);
  }

  /** The same options, trained fault-aware with {@code rates}. */
  public TrainingOptions withFaultAware(FaultTraining rates) {
    return new TrainingOptions(arch, teacherArch, epochs, teacherEpochs, batchSize, learningRate, teacherLearningRate,
        alpha, temperature, binarizedInput, augment, seed, rates);
  }

  public TrainingOptions {
    check(faultAware != null, "fault-aware rates missing");
    check(!faultAware.any() || arch instanceof Architecture.FullyConnected,
        "--fault-aware trains fully connected students only (not convolutional ones yet)");
    if (arch instanceof Architecture.FullyConnected s && teacherArch instanceof Architecture.FullyConnected t) {
      check(s.sizes()[0] == t.sizes()[0], "the teacher must have the student's input size");
    }
    check(arch.classes() == teacherArch.classes(), "the teacher must have the student's number of classes");
    check(epochs >= 1 && teacherEpochs >= 0, "epochs must be at least 1");
    check(batchSize >= 2, "the batch size must be at least 2 (batch-norm needs a batch)");
    check(learningRate > 0 && teacherLearningRate > 0, "learning rates must be positive");
    check(alpha >= 0 && alpha <= 1, "alpha must lie in [0, 1]");
    check(temperature > 0, "the temperature must be positive");
  }

  /** An MLP run without augmentation, from layer sizes. */
  public TrainingOptions(int[] arch, int[] teacherArch, int epochs, int teacherEpochs, int batchSize,
      double learningRate, double teacherLearningRate, double alpha, double temperature, boolean binarizedInput,
      long seed) {
    this(new Architecture.FullyConnected(arch), new Architecture.FullyConnected(teacherArch), epochs, teacherEpochs,
        batchSize, learningRate, teacherLearningRate, alpha, temperature, binarizedInput, false, seed);
  }

  /** The defaults of {@code blitz train} for an architecture. */
  public static TrainingOptions defaults(Architecture arch) {
    return new TrainingOptions(arch, arch, 30, 15, 100, 0.005, 0.001, 0.5, 4.0, false, false, 1);
  }

  /**
   * {@code 784-256-256-10} or {@code c32-c32-p-c64-c64-p-f256-10}; a malformed text is
   * {@link ErrorCode#TRAIN_BAD_ARCH}.
   */
  public static Architecture parseArch(String text) {
    return Architecture.parse(text);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.TRAIN_BAD_ARCH, SourceSpan.UNKNOWN, message));
    }
  }
}
