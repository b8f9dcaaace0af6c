package dev.brainblitz.train;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.floats.FloatModel;
import dev.brainblitz.ir.passes.FoldBatchNorm;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Losses;
import dev.brainblitz.train.nn.Mlp;
import dev.brainblitz.train.nn.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a float teacher and a binary student by distillation, and exports the student through
 * the exact batch-norm fold. Mini-batch Adam with a cosine-decayed learning rate; the order of
 * samples comes from the seed, so a run is reproducible bit for bit with any number of threads
 * (see {@link Parallel}).
 */
public final class Trainer {
  /** Where a run is; every method has a default that ignores it. */
  public interface Listener {
    default void started(String phase, int epochs, int batchesPerEpoch) {}

    default void batch(String phase, int epoch, int batch, double meanLoss, double runningAccuracy) {}

    default void epoch(EpochReport report) {}
  }

  /** One finished epoch; {@code testAccuracy} is NaN without a test set. */
  public record EpochReport(String phase, int epoch, int epochs, double loss, double trainAccuracy,
      double testAccuracy, double seconds) {}

  /** What {@link #run} produces. */
  public record Result(Model model, FloatModel floatModel, Mlp teacher, double teacherTestAccuracy, Evaluation floatStudent,
      Evaluation il, int agreeingClasses, int agreeingScores, List<EpochReport> epochs) {}

  public static final String TEACHER = "teacher";
  public static final String STUDENT = "student";

  private Trainer() {}

  /**
   * The whole run: a teacher ({@code teacher} if given, else trained when {@code trainTeacher} or
   * {@code options.alpha() < 1}),
   * then the student, folded into a model named {@code name}. With a test set, each epoch reports
   * its accuracy and the result compares the float student with the IL model on every test image.
   */
  public static Result run(String name, ImageSet train, ImageSet test, Mlp teacher, boolean trainTeacher,
      TrainingOptions options, Parallel parallel, Listener listener) {
    List<EpochReport> epochs = new ArrayList<>();
    Listener recording = new Listener() {
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
    };
    Mlp usedTeacher = teacher;
    if (usedTeacher == null && (trainTeacher || options.alpha() < 1)) {
      usedTeacher = trainTeacher(train, test, options, parallel, recording);
    }
    double teacherAccuracy = usedTeacher != null && test != null ? accuracy(usedTeacher, test, parallel) : Double.NaN;
    Mlp student = trainStudent(train, test, usedTeacher, options, parallel, recording);
    FloatModel floatModel = student.toFloatModel(name);
    Network network = new FoldBatchNorm().apply(floatModel);
    Model model = network.model();
    ImageSet checked = test != null ? test : train;
    Evaluation reference = new StudentReference(floatModel).evaluate(checked, parallel);
    Evaluation il = Evaluation.of(network, checked, parallel);
    int classes = 0;
    int scores = 0;
    for (int s = 0; s < checked.count(); s++) {
      classes += reference.predictions()[s] == il.predictions()[s] ? 1 : 0;
      scores += java.util.Arrays.equals(reference.scores()[s], il.scores()[s]) ? 1 : 0;
    }
    return new Result(model, floatModel, usedTeacher, teacherAccuracy, reference, il, classes, scores, epochs);
  }

  public static Mlp trainTeacher(ImageSet train, ImageSet test, TrainingOptions o, Parallel parallel,
      Listener listener) {
    Mlp teacher = new Mlp(Mlp.Kind.TEACHER, InputKind.U8, o.teacherArch(), Math.min(o.batchSize(), train.count()));
    teacher.initialize(new Random(o.seed() ^ 0x7EAC4E5L));
    fit(TEACHER, teacher, train, test, null, o.teacherEpochs(), o.teacherLearningRate(), 1, 1,
        new Random(o.seed() ^ 0x5EED0FL), parallel, listener);
    return teacher;
  }

  public static Mlp trainStudent(ImageSet train, ImageSet test, Mlp teacher, TrainingOptions o, Parallel parallel,
      Listener listener) {
    InputKind kind = o.binarizedInput() ? InputKind.BIPOLAR : InputKind.U8;
    Mlp student = new Mlp(Mlp.Kind.STUDENT, kind, o.arch(), Math.min(o.batchSize(), train.count()));
    student.initialize(new Random(o.seed()));
    float[] soft = teacher != null && o.alpha() < 1 ? logits(teacher, train, parallel) : null;
    fit(STUDENT, student, train, test, soft, o.epochs(), o.learningRate(), o.alpha(), o.temperature(),
        new Random(o.seed() ^ 0x0DDBA11L), parallel, listener);
    return student;
  }

  private static void fit(String phase, Mlp net, ImageSet train, ImageSet test, float[] teacherLogits, int epochs,
      double rate, double alpha, double temperature, Random order, Parallel parallel, Listener listener) {
    int n = train.count();
    int batch = net.maxBatch();
    int batches = n / batch;
    int in = net.inputSize();
    int classes = net.classes();
    float[] input = new float[batch * in];
    float[] grad = new float[batch * classes];
    float[] soft = teacherLogits != null ? new float[batch * classes] : null;
    int[] permutation = new int[n];
    for (int i = 0; i < n; i++) {
      permutation[i] = i;
    }
    var adam = net.optimizer();
    long totalSteps = (long) epochs * batches;
    long step = 0;
    listener.started(phase, epochs, batches);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long start = System.nanoTime();
      for (int i = n - 1; i > 0; i--) {
        int j = order.nextInt(i + 1);
        int t = permutation[i];
        permutation[i] = permutation[j];
        permutation[j] = t;
      }
      double lossSum = 0;
      int correct = 0;
      for (int b = 0; b < batches; b++) {
        for (int s = 0; s < batch; s++) {
          int image = permutation[b * batch + s];
          for (int i = 0; i < in; i++) {
            input[s * in + i] = net.inputValue(train.pixel(image, i));
          }
          if (soft != null) {
            System.arraycopy(teacherLogits, image * classes, soft, s * classes, classes);
          }
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
      double testAccuracy = Double.NaN;
      if (test != null) {
        testAccuracy = net.kind() == Mlp.Kind.TEACHER ? accuracy(net, test, parallel)
            : Evaluation.of(new FoldBatchNorm().apply(net.toFloatModel("student")), test, parallel)
                .accuracy();
      }
      listener.epoch(new EpochReport(phase, epoch, epochs, lossSum / batches, (double) correct / (batches * batch),
          testAccuracy, seconds));
    }
  }

  /** The float logits (evaluation mode) of every image, {@code classes} per image. */
  static float[] logits(Mlp net, ImageSet set, Parallel parallel) {
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
  public static double accuracy(Mlp net, ImageSet set, Parallel parallel) {
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
