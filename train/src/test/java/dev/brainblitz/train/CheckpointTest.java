package dev.brainblitz.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Checkpoint;
import dev.brainblitz.train.nn.Parallel;
import dev.brainblitz.train.nn.Trainable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --checkpoint} and {@code --resume}: a student continued from the checkpoint of any epoch
 * ends in the same bits as one trained without a stop (the order of samples, the augmentation and
 * the fault draws replayed from the seed), and a checkpoint of another run is refused.
 */
class CheckpointTest {
  @TempDir Path dir;

  /** Stops a run after {@code stopAfter} epochs, as a killed process would, having saved its checkpoint. */
  private static final class StopAfter implements Trainer.Listener {
    final int stopAfter;
    final Path file;

    StopAfter(int stopAfter, Path file) {
      this.stopAfter = stopAfter;
      this.file = file;
    }

    @Override
    public void studentEpochEnded(Supplier<Checkpoint> checkpoint) {
      Checkpoint c = checkpoint.get();
      c.write(file);
      if (c.epochs() == stopAfter) {
        throw new IllegalStateException("stopped");
      }
    }
  }

  /** Trains the student until {@code epochs} epochs are done and stops, its checkpoint in {@code file}. */
  private static Path stoppedAfter(int epochs, ImageSet train, Trainable teacher, TrainingOptions options,
      Parallel parallel, Path file) {
    assertThrows(IllegalStateException.class,
        () -> Trainer.trainStudent(train, null, teacher, options, parallel, new StopAfter(epochs, file), null));
    return file;
  }

  private static void assertSameState(List<float[]> expected, List<float[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int k = 0; k < expected.size(); k++) {
      assertArrayEquals(expected.get(k), actual.get(k), "array " + k);
    }
  }

  /** An MLP, fault-aware (its draws are keyed by the step), stopped after each epoch in turn. */
  @Test
  void aResumedMlpEndsInTheBitsOfAnUninterruptedRun() {
    ImageSet train = Synthetic.quadrants(300, 5);
    var options = Synthetic.options(0.5, false, 3).withFaultAware(new TrainingOptions.FaultTraining(0.02, 0.01));
    try (Parallel parallel = new Parallel(2)) {
      Trainable teacher = Trainer.trainTeacher(train, null, options, parallel, new Trainer.Listener() {});
      List<float[]> whole = Trainer.trainStudent(train, null, teacher, options, parallel, new Trainer.Listener() {})
          .state();
      for (int stop = 1; stop < options.epochs(); stop++) {
        Path file = dir.resolve("mlp-" + stop + ".ckpt");
        stoppedAfter(stop, train, teacher, options, parallel, file);
        assertEquals(stop, Checkpoint.read(file).epochs());
        List<float[]> resumed = Trainer.trainStudent(train, null, teacher, options, parallel,
            new Trainer.Listener() {}, file).state();
        assertSameState(whole, resumed);
      }
    }
  }

  /** A CNN with augmentation (three draws per image, replayed for the epochs done). */
  @Test
  void aResumedCnnWithAugmentationEndsInTheBitsOfAnUninterruptedRun() {
    ImageSet images = Synthetic.quadrants8(120, 6);
    var options = Synthetic.cnnOptions("c4-p-c6+-f8-4", 0.5, false, true, 5);
    try (Parallel parallel = new Parallel(2)) {
      Trainable teacher = Trainer.trainTeacher(images, null, options, parallel, new Trainer.Listener() {});
      List<float[]> whole = Trainer.trainStudent(images, null, teacher, options, parallel, new Trainer.Listener() {})
          .state();
      Path file = dir.resolve("cnn.ckpt");
      stoppedAfter(2, images, teacher, options, parallel, file);
      assertSameState(whole, Trainer.trainStudent(images, null, teacher, options, parallel, new Trainer.Listener() {},
          file).state());
      // a checkpoint after the last epoch: nothing left to train, the same state
      Path last = dir.resolve("last.ckpt");
      Trainer.trainStudent(images, null, teacher, options, parallel, new StopAfter(-1, last), null);
      assertSameState(whole, Trainer.trainStudent(images, null, teacher, options, parallel, new Trainer.Listener() {},
          last).state());
    }
  }

  /** Another learning rate, other data or another teacher: DAT010 naming what differs. */
  @Test
  void aCheckpointOfAnotherRunIsRefused() {
    ImageSet train = Synthetic.quadrants(300, 5);
    var options = Synthetic.options(0.5, false, 3);
    try (Parallel parallel = new Parallel(2)) {
      Trainable teacher = Trainer.trainTeacher(train, null, options, parallel, new Trainer.Listener() {});
      Path file = dir.resolve("run.ckpt");
      stoppedAfter(1, train, teacher, options, parallel, file);
      var faster = new TrainingOptions(options.arch(), options.teacherArch(), options.epochs(), options.teacherEpochs(),
          options.batchSize(), 0.02, options.teacherLearningRate(), options.alpha(), options.temperature(),
          options.binarizedInput(), options.augment(), options.seed(), options.faultAware());
      assertRefused(file, "lr=0.01 there, lr=0.02 here",
          () -> Trainer.trainStudent(train, null, teacher, faster, parallel, new Trainer.Listener() {}, file));
      ImageSet other = Synthetic.quadrants(300, 6);
      assertRefused(file, "data=",
          () -> Trainer.trainStudent(other, null, teacher, options, parallel, new Trainer.Listener() {}, file));
      Trainable otherTeacher = Trainer.trainTeacher(other, null, options, parallel, new Trainer.Listener() {});
      assertRefused(file, "teacher=",
          () -> Trainer.trainStudent(train, null, otherTeacher, options, parallel, new Trainer.Listener() {}, file));
    }
  }

  /** A missing, foreign, truncated or overlong file: DAT010 with the path. */
  @Test
  void unreadableCheckpointsAreRefused() throws IOException {
    ImageSet train = Synthetic.quadrants(300, 5);
    var options = Synthetic.options(0.5, false, 3);
    try (Parallel parallel = new Parallel(1)) {
      Trainable teacher = Trainer.trainTeacher(train, null, options, parallel, new Trainer.Listener() {});
      Path good = dir.resolve("good.ckpt");
      stoppedAfter(1, train, teacher, options, parallel, good);
      byte[] bytes = Files.readAllBytes(good);
      Path missing = dir.resolve("missing.ckpt");
      Path foreign = Files.writeString(dir.resolve("foreign.ckpt"), "BBTEACH1 and more");
      Path truncated = Files.write(dir.resolve("truncated.ckpt"), java.util.Arrays.copyOf(bytes, bytes.length - 3));
      byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 2);
      Path overlong = Files.write(dir.resolve("overlong.ckpt"), longer);
      assertRefused(missing, "no such file", () -> Checkpoint.read(missing));
      assertRefused(foreign, "is not a checkpoint", () -> Checkpoint.read(foreign));
      assertRefused(truncated, "is truncated", () -> Checkpoint.read(truncated));
      assertRefused(overlong, "2 bytes after the checkpoint", () -> Checkpoint.read(overlong));
    }
  }

  private static void assertRefused(Path file, String expected, org.junit.jupiter.api.function.Executable run) {
    var e = assertThrows(DiagnosticException.class, run);
    var d = e.diagnostics().get(0);
    assertEquals(ErrorCode.TRAIN_BAD_CHECKPOINT, d.code());
    assertEquals(file.toString(), d.span().file());
    assertTrue(d.message().contains(expected), d.message());
  }
}
