package dev.brainblitz.cli;

import dev.brainblitz.ir.io.AtomicFiles;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.io.ModelFormat;
import dev.brainblitz.train.Trainer;
import dev.brainblitz.train.TrainingOptions;
import dev.brainblitz.train.data.Dataset;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.train.cnn.BinaryCnnFile;
import dev.brainblitz.train.nn.Architecture;
import dev.brainblitz.train.nn.Trainable;
import dev.brainblitz.train.nn.Parallel;
import dev.brainblitz.train.nn.TeacherFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a binary MLP or CNN on an IDX image dataset by distillation from a float teacher and export it",
      "exactly as an IL model (.bil/.json); a CNN also as a binary CNN checkpoint (.bcnn). The result is",
      "the same file for the same options and data, with any number of threads. See docs/train.md."
    })
final class TrainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--dataset", defaultValue = "fashion-mnist", paramLabel = "NAME",
      description = "Dataset (default: ${DEFAULT-VALUE}, from the Debian package dataset-fashion-mnist).")
  String dataset;

  @Option(names = "--data", paramLabel = "DIR",
      description = "A directory with the four IDX files (train-images-idx3-ubyte[.gz], ...) instead of the installed dataset.")
  Path data;

  @Option(names = "--arch", defaultValue = "784-256-256-10", paramLabel = "ARCH",
      description = {"Student: layer sizes, or a CNN such as c32-c32-p-c64-c64-p-f256-10 (cN[kK][sS][v|+]",
          "convolution, p[K] max-pool, fN dense, classes last; see docs/train.md) (default: ${DEFAULT-VALUE})."})
  String arch;

  @Option(names = "--epochs", defaultValue = "30", paramLabel = "N", description = "Student epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--teacher", paramLabel = "FILE", description = "A teacher saved by --save-teacher.")
  Path teacher;

  @Option(names = "--train-teacher", description = "Train a float teacher first (implied when --alpha < 1 and no --teacher).")
  boolean trainTeacher;

  @Option(names = "--teacher-arch", paramLabel = "ARCH", description = "Teacher architecture (default: the student's).")
  String teacherArch;

  @Option(names = "--teacher-epochs", defaultValue = "15", paramLabel = "N", description = "Teacher epochs (default: ${DEFAULT-VALUE}).")
  int teacherEpochs;

  @Option(names = "--save-teacher", paramLabel = "FILE",
      description = "Save the trained teacher for later runs (written as soon as it is trained, before the student).")
  Path saveTeacher;

  @Option(names = "--alpha", defaultValue = "0.5", paramLabel = "A",
      description = "Weight of the label loss; 1 - A goes to distillation (default: ${DEFAULT-VALUE}; 1 = no teacher).")
  double alpha;

  @Option(names = "--temperature", defaultValue = "4", paramLabel = "T", description = "Distillation temperature (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--binarized-input", description = "The first layer reads ±1 pixels (pixel >= 128) instead of bytes.")
  boolean binarizedInput;

  @Option(names = "--augment", description = "Shift training images by up to 2 pixels and mirror them at random (seeded).")
  boolean augment;

  @Option(names = "--batch", defaultValue = "100", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--lr", defaultValue = "0.005", paramLabel = "R", description = "Student learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--teacher-lr", defaultValue = "0.001", paramLabel = "R", description = "Teacher learning rate (default: ${DEFAULT-VALUE}).")
  double teacherLearningRate;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--limit", paramLabel = "N", description = "Use only the first N training images (quick experiments).")
  Integer limit;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); the result does not depend on it.")
  Integer threads;

  @Option(names = "--fault-aware", paramLabel = "weights=RATE,activations=RATE",
      description = "Train the student fault-aware: invert its binarized weights and hidden activations at these rates "
          + "in every training forward pass, drawn from the seed (docs/faults.md); fully connected students only.")
  String faultAware;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "After each student epoch, save the student's training state to FILE (replaced atomically), so "
          + "that --resume can continue a run that stopped.")
  Path checkpoint;

  @Option(names = "--resume",
      description = "Continue the student from the --checkpoint FILE of an earlier run of the same command (same options, "
          + "data and teacher); the result is the file an uninterrupted run writes.")
  boolean resume;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "The trained model: .bil or .json (IL), or for a CNN also .bcnn (binary CNN checkpoint).")
  Path output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (threads != null) {
      Usage.range(spec, "--threads", threads, 1, 4096);
    }
    if (limit != null) {
      Usage.range(spec, "--limit", limit, 1, Integer.MAX_VALUE);
    }
    Architecture student = Usage.parse(spec, () -> TrainingOptions.parseArch(arch));
    boolean convolutional = student instanceof Architecture.Convolutional;
    ModelFormat format = null;
    if (!convolutional || !output.getFileName().toString().endsWith(BinaryCnnFile.EXTENSION)) {
      format = ModelFiles.formatOf(output);
    }
    Architecture teacherShape = teacherArch == null ? student : Usage.parse(spec, () -> TrainingOptions.parseArch(teacherArch));
    var options = Usage.parse(spec, () -> new TrainingOptions(student, teacherShape, epochs, teacherEpochs, batch,
        learningRate, teacherLearningRate, alpha, temperature, binarizedInput, augment, seed,
        faultAware == null ? TrainingOptions.FaultTraining.NONE : TrainingOptions.FaultTraining.parse(faultAware)));
    if (resume && checkpoint == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--resume continues from the file of --checkpoint FILE: give both");
    }
    checkpointIsNot(output, "-o");
    checkpointIsNot(teacher, "--teacher");
    checkpointIsNot(saveTeacher, "--save-teacher");
    if (teacher != null && trainTeacher) {
      throw new UserException("--teacher and --train-teacher exclude each other");
    }
    Dataset set = Usage.parse(spec, () -> Dataset.named(dataset));
    ImageSet train = set.load(data, Dataset.Split.TRAIN);
    ImageSet test = set.load(data, Dataset.Split.TEST);
    if (limit != null) {
      train = train.first(limit);
    }
    String where = data != null ? data.toString() : set.id();
    final ImageSet trainSet = train;
    Located.in(where, () -> {
      if (student instanceof Architecture.FullyConnected fc) {
        int[] sizes = fc.sizes();
        trainSet.requireFits(sizes[0], sizes[sizes.length - 1], "--arch " + arch);
        test.requireFits(sizes[0], sizes[sizes.length - 1], "--arch " + arch);
      } else {
        trainSet.requireFits(trainSet.imageSize(), student.classes(), "--arch " + arch);
        test.requireFits(trainSet.imageSize(), student.classes(), "--arch " + arch);
        if (test.rows() != trainSet.rows() || test.columns() != trainSet.columns()) {
          throw new UserException("the test images are " + test.rows() + "x" + test.columns() + ", the training images "
              + trainSet.rows() + "x" + trainSet.columns());
        }
      }
    });
    // Shapes are checked before any training: a convolution or pooling that does not fit fails now.
    Usage.check(spec, () -> {
      Trainer.network(Trainable.Kind.STUDENT, binarizedInput ? InputKind.BIPOLAR : InputKind.U8, student, trainSet, 2);
      Trainer.network(Trainable.Kind.TEACHER, InputKind.U8, teacherShape, trainSet, 2);
    });
    out.printf(Locale.ROOT, "training on %d images, testing on %d (%s), student %s, %s input, seed %d%n",
        train.count(), test.count(), set.id(), student.text(), binarizedInput ? "binarized" : "8-bit", seed);
    out.flush();
    try (Parallel parallel = threads == null ? Parallel.allCores() : new Parallel(threads);
        var progress = new Progress(out, saveTeacher, checkpoint)) {
      Trainable given = teacher == null ? null
          : TeacherFile.read(teacher, train.rows(), train.columns(), student.classes(), batch);
      if (convolutional) {
        return trainCnn(out, options, train, test, given, parallel, progress);
      }
      if (resume) {
        out.println("resuming the student from " + checkpoint);
        out.flush();
      }
      var result = Trainer.run(modelName(output), train, test, given, trainTeacher, options, parallel, progress,
          resume ? checkpoint : null);
      String text = ModelFiles.render(result.model(), format);
      if (format == ModelFormat.TEXT) {
        text = "# " + commandLine() + "\n" + text;
      }
      AtomicFiles.write(output, text);
      progress.finish();
      out.println();
      out.println("summary");
      if (!Double.isNaN(result.teacherTestAccuracy())) {
        out.printf(Locale.ROOT, "  teacher (%s) test accuracy   %.2f%%%n", teacherLabel(options),
            100 * result.teacherTestAccuracy());
      }
      out.printf(Locale.ROOT, "  student (float) test accuracy        %.2f%% (%d/%d)%n", 100 * result.floatStudent().accuracy(),
          result.floatStudent().correct(), result.floatStudent().total());
      out.printf(Locale.ROOT, "  exported IL model test accuracy      %.2f%% (%d/%d)%n", 100 * result.il().accuracy(),
          result.il().correct(), result.il().total());
      out.printf(Locale.ROOT, "  float student vs IL: same class on %d/%d images, same scores on %d/%d%n",
          result.agreeingClasses(), test.count(), result.agreeingScores(), test.count());
      printEpochTimes(out, result.epochs(), parallel);
      out.println("  wrote " + output);
      return result.agreeingClasses() == test.count() ? Blitz.OK : Blitz.USER_ERROR;
    }
  }

  /** A usage error when {@code --checkpoint} names {@code file}, the file of {@code option}: one would overwrite the other. */
  private void checkpointIsNot(Path file, String option) {
    if (checkpoint != null && file != null
        && checkpoint.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--checkpoint " + checkpoint
          + " is also the file of " + option + ": one would overwrite the other; give another file");
    }
  }

  /** The summary's name of the teacher: its architecture when trained here, its file when given with --teacher. */
  private String teacherLabel(TrainingOptions options) {
    return teacher != null ? "float, " + teacher.getFileName() : "float " + options.teacherArch().text();
  }

  private int trainCnn(PrintWriter out, TrainingOptions options, ImageSet train, ImageSet test, Trainable given,
      Parallel parallel, Progress progress) {
    if (resume) {
      out.println("resuming the student from " + checkpoint);
      out.flush();
    }
    var result = Trainer.runCnn(modelName(output), train, test, given, trainTeacher, options, parallel, progress,
        resume ? checkpoint : null);
    boolean exact = true;
    if (output.getFileName().toString().endsWith(BinaryCnnFile.EXTENSION)) {
      BinaryCnnFile.write(result.network(), List.of(commandLine()), output);
    } else {
      exact = writeCnnAsIl(out, result.network(), test);
    }
    progress.finish();
    out.println();
    out.println("summary");
    if (!Double.isNaN(result.teacherTestAccuracy())) {
      out.printf(Locale.ROOT, "  teacher (%s) test accuracy   %.2f%%%n", teacherLabel(options),
          100 * result.teacherTestAccuracy());
    }
    out.printf(Locale.ROOT, "  student forward pass (float32, evaluation mode) %.2f%%%n",
        100 * result.studentForwardAccuracy());
    out.printf(Locale.ROOT, "  student (float batch-norm reference) test accuracy %.2f%% (%d/%d)%n",
        100 * result.floatStudent().accuracy(), result.floatStudent().correct(), result.floatStudent().total());
    out.printf(Locale.ROOT, "  exported binary CNN test accuracy    %.2f%% (%d/%d)%n", 100 * result.binary().accuracy(),
        result.binary().correct(), result.binary().total());
    out.printf(Locale.ROOT, "  float reference vs binary CNN: same class on %d/%d images, same scores on %d/%d%n",
        result.agreeingClasses(), test.count(), result.agreeingScores(), test.count());
    out.printf(Locale.ROOT, "  weight bits: %d (%.1f kbit)%n", result.network().weightBits(),
        result.network().weightBits() / 1024.0);
    printEpochTimes(out, result.epochs(), parallel);
    out.println(exact ? "  wrote " + output : "  the IL model differs from the binary CNN: nothing written");
    return exact && result.agreeingClasses() == test.count() ? Blitz.OK : Blitz.USER_ERROR;
  }

  /**
   * Writes the trained CNN as an IL model and checks it: the IL engine (bit-exact with the golden
   * model) must give BitInference's scores on every test image.
   */
  private boolean writeCnnAsIl(PrintWriter out, dev.brainblitz.train.cnn.BinaryCnn cnn, ImageSet test) {
    var network = dev.brainblitz.train.cnn.BinaryCnnToIl.network(cnn);
    ModelFormat format = ModelFiles.formatOf(output);
    String text = ModelFiles.render(network.model(), format);
    if (format == ModelFormat.TEXT) {
      text = "# " + commandLine() + "\n" + text;
    }
    var bits = new dev.brainblitz.train.cnn.BitInference(cnn);
    var engine = dev.brainblitz.ir.engine.FastEngine.compile(network);
    int same = 0;
    for (int i = 0; i < test.count(); i++) {
      int[] input = new int[test.imageSize()];
      for (int p = 0; p < input.length; p++) {
        int pixel = test.pixel(i, p);
        input[p] = cnn.inputKind() == InputKind.U8 ? pixel : pixel >= 128 ? 1 : 0;
      }
      int[] scores = engine.infer(dev.brainblitz.ir.InputVector.of(cnn.inputKind(), input)).scores();
      same += java.util.Arrays.equals(scores, bits.scores(input)) ? 1 : 0;
    }
    out.printf(Locale.ROOT, "  binary CNN vs exported IL model: same scores on %d/%d images%n", same, test.count());
    if (same != test.count()) {
      return false;
    }
    AtomicFiles.write(output, text);
    return true;
  }

  private static void printEpochTimes(PrintWriter out, List<Trainer.EpochReport> reports, Parallel parallel) {
    for (String phase : new String[] {Trainer.TEACHER, Trainer.STUDENT}) {
      var epochs = reports.stream().filter(e -> e.phase().equals(phase)).toList();
      if (!epochs.isEmpty()) {
        double seconds = epochs.stream().mapToDouble(Trainer.EpochReport::seconds).sum();
        double cpu = epochs.stream().mapToDouble(Trainer.EpochReport::cpuSeconds).sum();
        out.printf(Locale.ROOT, "  %s: %d epoch(s), %.1f s per epoch on %d thread(s), %.1f CPU s per epoch%n", phase,
            epochs.size(), seconds / epochs.size(), parallel.threads(), cpu / epochs.size());
      }
    }
  }

  private String commandLine() {
    StringBuilder line = new StringBuilder("blitz train --dataset ").append(dataset).append(" --arch ").append(arch)
        .append(" --epochs ").append(epochs);
    if (teacher != null) {
      line.append(" --teacher ").append(teacher.getFileName());
    } else if (trainTeacher || alpha < 1) {
      line.append(" --train-teacher");
      if (teacherArch != null) {
        line.append(" --teacher-arch ").append(teacherArch);
      }
      line.append(" --teacher-epochs ").append(teacherEpochs).append(" --teacher-lr ").append(teacherLearningRate);
    }
    line.append(" --alpha ").append(alpha).append(" --temperature ").append(temperature);
    if (binarizedInput) {
      line.append(" --binarized-input");
    }
    if (augment) {
      line.append(" --augment");
    }
    if (faultAware != null) {
      line.append(" --fault-aware ").append(TrainingOptions.FaultTraining.parse(faultAware).text());
    }
    line.append(" --batch ").append(batch).append(" --lr ").append(learningRate).append(" --seed ").append(seed);
    if (limit != null) {
      line.append(" --limit ").append(limit);
    }
    return line.toString();
  }

  /** An IL name from the output file's name: {@code fashion-mlp.bil} gives {@code fashion_mlp}. */
  static String modelName(Path output) {
    String file = output.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String stem = (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9_]", "_");
    return stem.isEmpty() || !Character.isLetter(stem.charAt(0)) && stem.charAt(0) != '_' ? "m_" + stem : stem;
  }

  /**
   * A progress bar per phase on a terminal (epoch, batch, loss, running accuracy, ETA), and one
   * line per epoch always.
   */
  private static final class Progress implements Trainer.Listener, AutoCloseable {
    private final PrintWriter out;
    /** Where {@code --save-teacher} writes the teacher as soon as it is trained, or null. */
    private final Path saveTeacher;
    private final boolean terminal = ConsoleProgress.stderrIsTerminal();
    private ProgressBar bar;
    private int batchesPerEpoch;
    private int epochs;

    /** Where {@code --checkpoint} writes the student's state after each epoch, or null. */
    private final Path checkpoint;

    Progress(PrintWriter out, Path saveTeacher, Path checkpoint) {
      this.out = out;
      this.saveTeacher = saveTeacher;
      this.checkpoint = checkpoint;
    }

    @Override
    public void studentEpochEnded(java.util.function.Supplier<dev.brainblitz.train.nn.Checkpoint> state) {
      if (checkpoint != null) {
        state.get().write(checkpoint);
      }
    }

    @Override
    public void teacherTrained(Trainable teacher) {
      if (saveTeacher != null) {
        TeacherFile.write(teacher, saveTeacher);
        out.println("saved the teacher to " + saveTeacher);
        out.flush();
      }
    }

    @Override
    public void started(String phase, int epochs, int batchesPerEpoch) {
      finish();
      this.epochs = epochs;
      this.batchesPerEpoch = batchesPerEpoch;
      if (terminal) {
        bar = new ProgressBarBuilder().setTaskName(String.format("%-7s", phase))
            .setInitialMax((long) epochs * batchesPerEpoch).setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err, 130)).build();
      }
    }

    @Override
    public void batch(String phase, int epoch, int batch, double loss, double accuracy) {
      if (bar != null) {
        bar.stepTo((long) (epoch - 1) * batchesPerEpoch + batch);
        bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d batch %d/%d loss %.3f acc %.1f%%", epoch, epochs,
            batch, batchesPerEpoch, loss, 100 * accuracy));
      }
    }

    @Override
    public void epoch(Trainer.EpochReport r) {
      if (bar != null && r.epoch() == r.epochs()) {
        finish();
      }
      out.printf(Locale.ROOT, "%s epoch %d/%d: loss %.4f, train accuracy %.2f%%, test accuracy %.2f%%, %.1f s"
          + " (%.1f CPU s)%n", r.phase(), r.epoch(), r.epochs(), r.loss(), 100 * r.trainAccuracy(),
          100 * r.testAccuracy(), r.seconds(), r.cpuSeconds());
      out.flush();
    }

    @Override
    public void close() {
      finish();
    }

    void finish() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}
