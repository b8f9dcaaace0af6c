package dev.brainblitz.train;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.passes.FoldBatchNorm;
import dev.brainblitz.train.cnn.BinaryCnn;
import dev.brainblitz.train.cnn.BitInference;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.train.nn.Architecture;
import dev.brainblitz.train.nn.Checkpoint;
import dev.brainblitz.train.nn.Cnn;
import dev.brainblitz.train.nn.Losses;
import dev.brainblitz.train.nn.Mlp;
import dev.brainblitz.train.nn.Parallel;
import dev.brainblitz.train.nn.Trainable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Trains a float teacher and a binary student by distillation, and exports the student exactly:
 * an MLP through the batch-norm fold into an IL model, a convolutional network into a
 * {@link BinaryCnn}. Mini-batch Adam with a cosine-decayed learning rate; the order of samples
 * (and the augmentation) comes from the seed, so a run is reproducible bit for bit with any number
 * of threads (see {@link Parallel}).
 */
public final class Trainer {
  /** Where a run is; every method has a default that ignores it. */
  public interface Listener {
    default void started(String phase, int epochs, int batchesPerEpoch) {}

    default void batch(String phase, int epoch, int batch, double meanLoss, double runningAccuracy) {}

    default void epoch(EpochReport report) {}

    /**
     * A teacher has just been trained, before any student epoch: the moment to save it, so that a
     * long run that dies during the student keeps its teacher.
     */
    default void teacherTrained(Trainable teacher) {}

    /**
     * A student epoch has ended: {@code checkpoint} gives the state to continue from (a copy, made
     * when asked for), for {@code --checkpoint}.
     */
    default void studentEpochEnded(java.util.function.Supplier<Checkpoint> checkpoint) {}
  }

  /**
   * One finished epoch; {@code testAccuracy} is NaN without a test set. {@code seconds} is the
   * wall time of the training steps, {@code cpuSeconds} the CPU time the whole process spent
   * meanwhile (NaN where the JVM cannot tell): on a shared machine the second is the fairer cost.
   */
  public record EpochReport(String phase, int epoch, int epochs, double loss, double trainAccuracy,
      double testAccuracy, double seconds, double cpuSeconds) {}

  /** What {@link #run} produces. */
  public record Result(Model model, FloatModel floatModel, Trainable teacher, double teacherTestAccuracy,
      Evaluation floatStudent, Evaluation il, int agreeingClasses, int agreeingScores, List<EpochReport> epochs) {}

  /**
   * What {@link #runCnn} produces: the exported network, its exact accuracy ({@code binary}, by
   * {@link BitInference}), the float reference it was folded from ({@code floatStudent}, the same
   * inference with the batch-norm expression in double instead of the thresholds) and how often the
   * two agree, and the student's own float32 forward pass in evaluation mode
   * ({@code studentForwardAccuracy}, which rounds differently near a threshold).
   */
  public record CnnResult(BinaryCnn network, Cnn student, Trainable teacher, double teacherTestAccuracy,
      Evaluation floatStudent, Evaluation binary, int agreeingClasses, int agreeingScores,
      double studentForwardAccuracy, List<EpochReport> epochs) {}

  public static final String TEACHER = "teacher";
  public static final String STUDENT = "student";

  private Trainer() {}

  /** Records epochs while passing everything on. */
  private static final class Recording implements Listener {
    final List<EpochReport> epochs = new ArrayList<>();
    final Listener listener;

    Recording(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void started(String phase, int n, int batches) {
      listener.started(phase, n, batches);
    }

    @Override
    public void batch(String phase, int epoch, int batch, double loss, double accuracy) {
      listener.batch(phase, epoch, batch, loss, accuracy);
    }

    @Override
    public void epoch(EpochReport report) {
      epochs.add(report);
      listener.epoch(report);
    }

    @Override
    public void teacherTrained(Trainable teacher) {
      listener.teacherTrained(teacher);
    }

    @Override
    public void studentEpochEnded(java.util.function.Supplier<Checkpoint> checkpoint) {
      listener.studentEpochEnded(checkpoint);
    }
  }

  /**
   * The whole run for an MLP student: a teacher ({@code teacher} if given, else trained when
   * {@code trainTeacher} or {@code options.alpha() < 1}), then the student, folded into a model
   * named {@code name}. With a test set, each epoch reports its accuracy and the result compares
   * the float student with the IL model on every test image.
   */
  public static Result run(String name, ImageSet train, ImageSet test, Trainable teacher, boolean trainTeacher,
      TrainingOptions options, Parallel parallel, Listener listener) {
    return run(name, train, test, teacher, trainTeacher, options, parallel, listener, null);
  }

  /** {@link #run}, continuing the student from the checkpoint in {@code resume} when it is not null. */
  public static Result run(String name, ImageSet train, ImageSet test, Trainable teacher, boolean trainTeacher,
      TrainingOptions options, Parallel parallel, Listener listener, Path resume) {
    if (!(options.arch() instanceof Architecture.FullyConnected)) {
      throw new IllegalArgumentException("run trains an MLP; runCnn trains " + options.arch().text());
    }
    Recording recording = new Recording(listener);
    Trainable usedTeacher = teacher(train, test, teacher, trainTeacher, options, parallel, recording);
    double teacherAccuracy = usedTeacher != null && test != null ? accuracy(usedTeacher, test, parallel) : Double.NaN;
    Mlp student = (Mlp) trainStudent(train, test, usedTeacher, options, parallel, recording, resume);
    FloatModel floatModel = student.toFloatModel(name);
    Network network = new FoldBatchNorm().apply(floatModel);
    Model model = network.model();
    ImageSet checked = test != null ? test : train;
    Evaluation reference = new StudentReference(floatModel).evaluate(checked, parallel);
    Evaluation il = Evaluation.of(network, checked, parallel);
    int[] agree = agreement(reference, il);
    return new Result(model, floatModel, usedTeacher, teacherAccuracy, reference, il, agree[0], agree[1],
        recording.epochs);
  }

  /**
   * The whole run for a convolutional student, as {@link #run}; the student is exported as a
   * {@link BinaryCnn} named {@code name}.
   */
  public static CnnResult runCnn(String name, ImageSet train, ImageSet test, Trainable teacher, boolean trainTeacher,
      TrainingOptions options, Parallel parallel, Listener listener) {
    return runCnn(name, train, test, teacher, trainTeacher, options, parallel, listener, null);
  }

  /** {@link #runCnn}, continuing the student from the checkpoint in {@code resume} when it is not null. */
  public static CnnResult runCnn(String name, ImageSet train, ImageSet test, Trainable teacher, boolean trainTeacher,
      TrainingOptions options, Parallel parallel, Listener listener, Path resume) {
    if (!(options.arch() instanceof Architecture.Convolutional)) {
      throw new IllegalArgumentException("runCnn trains a convolutional network, not " + options.arch().text());
    }
    Recording recording = new Recording(listener);
    Trainable usedTeacher = teacher(train, test, teacher, trainTeacher, options, parallel, recording);
    double teacherAccuracy = usedTeacher != null && test != null ? accuracy(usedTeacher, test, parallel) : Double.NaN;
    Cnn student = (Cnn) trainStudent(train, test, usedTeacher, options, parallel, recording, resume);
    BinaryCnn network = student.toBinary(name);
    ImageSet checked = test != null ? test : train;
    Evaluation binary = CnnEvaluation.of(new BitInference(network), checked, parallel);
    Evaluation reference = CnnEvaluation.of(new BitInference(network, student.floatRule()), checked, parallel);
    int[] agree = agreement(reference, binary);
    return new CnnResult(network, student, usedTeacher, teacherAccuracy, reference, binary, agree[0], agree[1],
        accuracy(student, checked, parallel), recording.epochs);
  }

  private static Trainable teacher(ImageSet train, ImageSet test, Trainable given, boolean trainTeacher,
      TrainingOptions options, Parallel parallel, Listener listener) {
    if (given == null && (trainTeacher || options.alpha() < 1)) {
      Trainable trained = trainTeacher(train, test, options, parallel, listener);
      listener.teacherTrained(trained);
      return trained;
    }
    return given;
  }

  /** Same classes and same scores, counted over the images. */
  private static int[] agreement(Evaluation a, Evaluation b) {
    int classes = 0;
    int scores = 0;
    for (int s = 0; s < a.total(); s++) {
      classes += a.predictions()[s] == b.predictions()[s] ? 1 : 0;
      scores += Arrays.equals(a.scores()[s], b.scores()[s]) ? 1 : 0;
    }
    return new int[] {classes, scores};
  }

  /** An untrained network of {@code arch} for images like {@code images}. */
  public static Trainable network(Trainable.Kind kind, InputKind inputKind, Architecture arch, ImageSet images,
      int maxBatch) {
    if (arch instanceof Architecture.FullyConnected f) {
      return new Mlp(kind, inputKind, f.sizes(), maxBatch);
    }
    return new Cnn(kind, inputKind, (Architecture.Convolutional) arch, images.rows(), images.columns(), maxBatch);
  }

  public static Trainable trainTeacher(ImageSet train, ImageSet test, TrainingOptions o, Parallel parallel,
      Listener listener) {
    Trainable teacher = network(Trainable.Kind.TEACHER, InputKind.U8, o.teacherArch(), train,
        Math.min(o.batchSize(), train.count()));
    initialize(teacher, new Random(o.seed() ^ 0x7EAC4E5L));
    fit(TEACHER, teacher, train, test, null, o.teacherEpochs(), o.teacherLearningRate(), 1, 1, o.augment(),
        new Random(o.seed() ^ 0x5EED0FL), new Random(o.seed() ^ 0xA06E17L), parallel, listener, null);
    return teacher;
  }

  public static Trainable trainStudent(ImageSet train, ImageSet test, Trainable teacher, TrainingOptions o,
      Parallel parallel, Listener listener) {
    return trainStudent(train, test, teacher, o, parallel, listener, null);
  }

  /**
   * {@link #trainStudent}, continuing from the checkpoint in {@code resume} (when not null), which
   * must come from a run with the same {@link #fingerprint}.
   */
  public static Trainable trainStudent(ImageSet train, ImageSet test, Trainable teacher, TrainingOptions o,
      Parallel parallel, Listener listener, Path resume) {
    InputKind kind = o.binarizedInput() ? InputKind.BIPOLAR : InputKind.U8;
    Trainable student = network(Trainable.Kind.STUDENT, kind, o.arch(), train, Math.min(o.batchSize(), train.count()));
    initialize(student, new Random(o.seed()));
    if (o.faultAware().any()) {
      ((Mlp) student).faultAware(o.faultAware().weights(), o.faultAware().activations(), o.seed());
    }
    Trainable used = o.alpha() < 1 ? teacher : null;
    String fingerprint = fingerprint(o, train, used);
    Checkpoint start = null;
    if (resume != null) {
      start = Checkpoint.read(resume);
      if (!start.fingerprint().equals(fingerprint)) {
        throw new DiagnosticException(new Diagnostic(ErrorCode.TRAIN_BAD_CHECKPOINT,
            SourceSpan.wholeFile(resume.toString()), "'" + resume + "' comes from another run: "
                + differences(start.fingerprint(), fingerprint)));
      }
    }
    fit(STUDENT, student, train, test, used, o.epochs(), o.learningRate(), o.alpha(), o.temperature(), o.augment(),
        new Random(o.seed() ^ 0x0DDBA11L), new Random(o.seed() ^ 0xA06E18L), parallel, listener,
        new Resumption(fingerprint, start, resume));
    return student;
  }

  /**
   * What a checkpoint must match to continue a run, as {@code key=value} pairs: every option that
   * shapes the student's training (the epochs too, since the learning rate's schedule spans them),
   * the training images and labels (their count and CRC-32), and the teacher's state (CRC-32).
   */
  public static String fingerprint(TrainingOptions o, ImageSet train, Trainable teacher) {
    var crc = new java.util.zip.CRC32();
    for (int i = 0; i < train.count(); i++) {
      crc.update(train.image(i));
      crc.update(train.label(i));
    }
    String teacherCrc = "none";
    if (teacher != null) {
      var t = new java.util.zip.CRC32();
      for (float[] array : teacher.state()) {
        var bytes = java.nio.ByteBuffer.allocate(array.length * Float.BYTES);
        bytes.asFloatBuffer().put(array);
        t.update(bytes.array());
      }
      teacherCrc = String.format(java.util.Locale.ROOT, "%08x", t.getValue());
    }
    return String.format(java.util.Locale.ROOT, "arch=%s epochs=%d batch=%d lr=%s alpha=%s temperature=%s"
        + " binarized-input=%b augment=%b seed=%d fault-aware=%s images=%d data=%08x teacher=%s", o.arch().text(),
        o.epochs(), o.batchSize(), o.learningRate(), o.alpha(), o.temperature(), o.binarizedInput(), o.augment(),
        o.seed(), o.faultAware().text(), train.count(), crc.getValue(), teacherCrc);
  }

  /** The pairs in which two fingerprints differ: "lr=0.01 there, lr=0.005 here". */
  static String differences(String there, String here) {
    var theirs = List.of(there.split(" "));
    var ours = List.of(here.split(" "));
    var lines = new ArrayList<String>();
    for (int i = 0; i < Math.max(theirs.size(), ours.size()); i++) {
      String a = i < theirs.size() ? theirs.get(i) : "";
      String b = i < ours.size() ? ours.get(i) : "";
      if (!a.equals(b)) {
        lines.add(a + " there, " + b + " here");
      }
    }
    return String.join("; ", lines);
  }

  /** Where a student's fit starts: its fingerprint, and the checkpoint to continue from (or null). */
  private record Resumption(String fingerprint, Checkpoint checkpoint, Path source) {}

  private static void initialize(Trainable net, Random random) {
    if (net instanceof Mlp mlp) {
      mlp.initialize(random);
    } else {
      ((Cnn) net).initialize(random);
    }
  }

  /**
   * Mini-batch training. Without augmentation a teacher's logits are computed once per image; with
   * it, on each augmented batch.
   */
  private static void fit(String phase, Trainable net, ImageSet train, ImageSet test, Trainable teacher, int epochs,
      double rate, double alpha, double temperature, boolean augment, Random order, Random augmentation,
      Parallel parallel, Listener listener, Resumption resumption) {
    int n = train.count();
    int batch = net.maxBatch();
    int batches = n / batch;
    int in = net.inputSize();
    int classes = net.classes();
    float[] input = new float[batch * in];
    float[] teacherInput = teacher != null && augment ? new float[batch * in] : null;
    float[] grad = new float[batch * classes];
    float[] teacherLogits = teacher != null && !augment ? logits(teacher, train, parallel) : null;
    float[] soft = teacher != null ? new float[batch * classes] : null;
    int[] pixels = new int[in];
    int[] permutation = new int[n];
    for (int i = 0; i < n; i++) {
      permutation[i] = i;
    }
    var adam = net.optimizer();
    long totalSteps = (long) epochs * batches;
    long step = 0;
    DoubleSupplier testAccuracy;
    if (test == null) {
      testAccuracy = () -> Double.NaN;
    } else if (net.kind() == Trainable.Kind.TEACHER) {
      testAccuracy = () -> accuracy(net, test, parallel);
    } else if (net instanceof Mlp mlp) {
      testAccuracy = () -> Evaluation.of(new FoldBatchNorm().apply(mlp.toFloatModel("student")), test,
          parallel).accuracy();
    } else {
      testAccuracy = () -> CnnEvaluation.of(new BitInference(((Cnn) net).toBinary("student")), test, parallel)
          .accuracy();
    }
    int done = 0;
    if (resumption != null && resumption.checkpoint() != null) {
      // the epochs done: their state from the checkpoint, their draws replayed from the seed
      Checkpoint checkpoint = resumption.checkpoint();
      checkpoint.restore(net, adam, resumption.source());
      done = checkpoint.epochs();
      for (int epoch = 1; epoch <= done; epoch++) {
        shuffle(permutation, order);
        if (augment) {
          for (int k = 0; k < batches * batch; k++) {
            Augmentation.draw(augmentation);
          }
        }
      }
      step = (long) done * batches;
    }
    listener.started(phase, epochs, batches);
    for (int epoch = done + 1; epoch <= epochs; epoch++) {
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      shuffle(permutation, order);
      double lossSum = 0;
      int correct = 0;
      for (int b = 0; b < batches; b++) {
        for (int s = 0; s < batch; s++) {
          int image = permutation[b * batch + s];
          for (int i = 0; i < in; i++) {
            pixels[i] = train.pixel(image, i);
          }
          if (augment) {
            Augmentation.apply(pixels, train.rows(), train.columns(), augmentation);
          }
          for (int i = 0; i < in; i++) {
            input[s * in + i] = net.inputValue(pixels[i]);
            if (teacherInput != null) {
              teacherInput[s * in + i] = teacher.inputValue(pixels[i]);
            }
          }
          if (teacherLogits != null) {
            System.arraycopy(teacherLogits, image * classes, soft, s * classes, classes);
          }
        }
        if (teacherInput != null) {
          System.arraycopy(teacher.forward(parallel, teacherInput, batch, false), 0, soft, 0, batch * classes);
        }
        float[] logits = net.forward(parallel, input, batch, true);
        double loss = 0;
        for (int s = 0; s < batch; s++) {
          int label = train.label(permutation[b * batch + s]);
          loss += Losses.distillation(logits, soft, s, classes, label, alpha, temperature, 1.0 / batch, grad);
          correct += argmax(logits, s * classes, classes) == label ? 1 : 0;
        }
        lossSum += loss / batch;
        net.backward(parallel, grad, batch);
        double current = rate * 0.5 * (1 + StrictMath.cos(Math.PI * step / totalSteps));
        net.update(adam, parallel, current);
        step++;
        listener.batch(phase, epoch, b + 1, lossSum / (b + 1), (double) correct / ((b + 1) * batch));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long cpuEnd = processCpuNanos();
      double cpuSeconds = cpuStart < 0 || cpuEnd < 0 ? Double.NaN : (cpuEnd - cpuStart) / 1e9;
      listener.epoch(new EpochReport(phase, epoch, epochs, lossSum / batches, (double) correct / (batches * batch),
          testAccuracy.getAsDouble(), seconds, cpuSeconds));
      if (resumption != null) {
        int finished = epoch;
        listener.studentEpochEnded(() -> Checkpoint.of(resumption.fingerprint(), finished, net, adam));
      }
    }
  }

  /** One epoch's order of the samples: a Fisher-Yates shuffle of {@code permutation} by {@code order}. */
  private static void shuffle(int[] permutation, Random order) {
    for (int i = permutation.length - 1; i > 0; i--) {
      int j = order.nextInt(i + 1);
      int t = permutation[i];
      permutation[i] = permutation[j];
      permutation[j] = t;
    }
  }

  /** The CPU time of this process so far, or -1 when the JVM does not say. */
  private static long processCpuNanos() {
    var bean = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return bean instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  /** The float logits (evaluation mode) of every image, {@code classes} per image. */
  static float[] logits(Trainable net, ImageSet set, Parallel parallel) {
    int batch = net.maxBatch();
    int in = net.inputSize();
    int classes = net.classes();
    float[] all = new float[set.count() * classes];
    float[] input = new float[batch * in];
    for (int from = 0; from < set.count(); from += batch) {
      int k = Math.min(batch, set.count() - from);
      for (int s = 0; s < k; s++) {
        for (int i = 0; i < in; i++) {
          input[s * in + i] = net.inputValue(set.pixel(from + s, i));
        }
      }
      float[] logits = net.forward(parallel, input, k, false);
      System.arraycopy(logits, 0, all, from * classes, k * classes);
    }
    return all;
  }

  /** The accuracy of a network's float logits (evaluation mode) on {@code set}. */
  public static double accuracy(Trainable net, ImageSet set, Parallel parallel) {
    float[] logits = logits(net, set, parallel);
    int classes = net.classes();
    int correct = 0;
    for (int s = 0; s < set.count(); s++) {
      correct += argmax(logits, s * classes, classes) == set.label(s) ? 1 : 0;
    }
    return (double) correct / set.count();
  }

  /** The first largest of {@code classes} values from {@code offset}. */
  static int argmax(float[] values, int offset, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (values[offset + c] > values[offset + best]) {
        best = c;
      }
    }
    return best;
  }
}
