package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.train.data.Idx;
import dev.brainblitz.train.data.ImageSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path temp;

  /** 4x4 images of 4 classes: class c lights quadrant c. */
  static ImageSet quadrants(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 16];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      labels[s] = (byte) (s % 4);
      for (int i = 0; i < 16; i++) {
        boolean lit = (i / 8) * 2 + (i % 4) / 2 == s % 4;
        pixels[s * 16 + i] = (byte) (lit ? 180 + random.nextInt(76) : random.nextInt(61));
      }
    }
    return new ImageSet(4, 4, pixels, labels);
  }

  Path dataset() {
    Idx.write(quadrants(400, 1), temp.resolve("data/train-images-idx3-ubyte.gz"),
        temp.resolve("data/train-labels-idx1-ubyte.gz"));
    Idx.write(quadrants(100, 2), temp.resolve("data/t10k-images-idx3-ubyte.gz"),
        temp.resolve("data/t10k-labels-idx1-ubyte.gz"));
    return temp.resolve("data");
  }

  @Test
  void trainsWritesTheModelAndInferReportsItsAccuracy() throws Exception {
    Path data = dataset();
    Path out = temp.resolve("quad.bil");
    var run = blitz("train", "--data", data.toString(), "--arch", "16-24-16-4", "--epochs", "6", "--teacher-epochs",
        "3", "--batch", "20", "--lr", "0.01", "--teacher-lr", "0.01", "--seed", "3", "--threads", "2", "-o",
        out.toString());
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("exported IL model test accuracy      100.00% (100/100)"), run.out());
    assertTrue(run.out().contains("float student vs IL: same class on 100/100 images, same scores on 100/100"),
        run.out());
    assertTrue(run.out().contains("teacher (float 16-24-16-4) test accuracy"), run.out());
    String text = Files.readString(out);
    assertTrue(text.startsWith("# blitz train --dataset fashion-mnist --arch 16-24-16-4 --epochs 6 --train-teacher"),
        text);
    assertEquals("quad", ModelFiles.read(out).name());

    var again = blitz("train", "--data", data.toString(), "--arch", "16-24-16-4", "--epochs", "6", "--teacher-epochs",
        "3", "--batch", "20", "--lr", "0.01", "--teacher-lr", "0.01", "--seed", "3", "--threads", "1", "-o",
        temp.resolve("again/quad.bil").toString());
    assertEquals(0, again.status(), again.err());
    assertEquals(text, Files.readString(temp.resolve("again/quad.bil")), "the same seed with another thread count");

    var infer = blitz("infer", out.toString(), "--dataset", "fashion-mnist", "--split", "test", "--data",
        data.toString());
    assertEquals(0, infer.status(), infer.err());
    assertTrue(infer.out().contains("accuracy: 100/100 = 100.00%"), infer.out());
    assertTrue(infer.out().contains("confusion matrix (rows: true class, columns: predicted class)"), infer.out());
    assertTrue(infer.out().contains("0 T-shirt/top       25     0     0     0  100.0%"), infer.out());
  }

  @Test
  void aMissingDatasetIsAUserErrorNamingTheFiles() {
    var run = blitz("train", "--data", temp.resolve("nowhere").toString(), "-o", temp.resolve("m.bil").toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().contains("error[DAT001]"), run.err());
    assertTrue(run.err().contains("train-images-idx3-ubyte"), run.err());
    assertNoStackTrace(run);
    assertFalse(Files.exists(temp.resolve("m.bil")));
  }

  @Test
  void badOptionsAreUserErrors() {
    Path data = dataset();
    var arch = blitz("train", "--data", data.toString(), "--arch", "16-x-4", "-o", temp.resolve("m.bil").toString());
    assertEquals(2, arch.status());
    assertTrue(arch.err().contains("DAT008: "), arch.err());
    var shape = blitz("train", "--data", data.toString(), "--arch", "784-8-10", "-o", temp.resolve("m.bil").toString());
    assertEquals(1, shape.status());
    assertTrue(shape.err().contains("error[DAT007]"), shape.err());
    var alpha = blitz("train", "--data", data.toString(), "--arch", "16-8-4", "--alpha", "2", "-o",
        temp.resolve("m.bil").toString());
    assertEquals(2, alpha.status(), "an option value out of range is a usage error");
    assertTrue(alpha.err().contains("alpha must lie in [0, 1]"), alpha.err());
    var teacher = blitz("train", "--data", data.toString(), "--arch", "16-8-4", "--teacher", data.resolve(
        "t10k-labels-idx1-ubyte.gz").toString(), "-o", temp.resolve("m.bil").toString());
    assertEquals(1, teacher.status());
    assertTrue(teacher.err().contains("error[DAT009]"), teacher.err());
    assertNoStackTrace(teacher);
    assertFalse(Files.exists(temp.resolve("m.bil")));
  }

  @Test
  void inferTakesEitherVectorsOrADataset() {
    assertEquals(2, blitz("infer", "tiny").status());
    var wrongShape = blitz("infer", "tiny", "--dataset", "fashion-mnist", "--data", dataset().toString());
    assertEquals(1, wrongShape.status());
    assertTrue(wrongShape.err().contains("error[DAT007]"), wrongShape.err());
  }

  @Test
  void aSavedTeacherIsReused() throws Exception {
    Path data = dataset();
    var first = blitz("train", "--data", data.toString(), "--arch", "16-24-4", "--epochs", "2", "--teacher-epochs", "2",
        "--batch", "20", "--train-teacher", "--save-teacher", temp.resolve("t.bin").toString(), "-o",
        temp.resolve("a/m.bil").toString());
    assertEquals(0, first.status(), first.err());
    var second = blitz("train", "--data", data.toString(), "--arch", "16-24-4", "--epochs", "2", "--batch", "20",
        "--teacher", temp.resolve("t.bin").toString(), "-o", temp.resolve("b/m.bil").toString());
    assertEquals(0, second.status(), second.err());
    assertTrue(second.out().contains("teacher (float, t.bin) test accuracy"), "the summary names the teacher given, not the student's shape: " + second.out());
    assertEquals(Files.readString(temp.resolve("a/m.bil")).lines().skip(1).toList(),
        Files.readString(temp.resolve("b/m.bil")).lines().skip(1).toList(),
        "a reloaded teacher distills exactly as the trained one");
  }

  /**
   * --checkpoint writes the student's state after each epoch; --resume continues from it to the same
   * file as the run that wrote it; a checkpoint of another run, or --resume alone, is refused.
   */
  @Test
  void aRunResumesFromItsCheckpoint() throws Exception {
    Path data = dataset();
    Path state = temp.resolve("run.ckpt");
    String[] common = {"train", "--data", data.toString(), "--arch", "16-24-4", "--epochs", "3", "--teacher-epochs",
        "2", "--batch", "20", "--train-teacher", "--seed", "4", "--checkpoint", state.toString()};
    var first = blitz(concat(common, "-o", temp.resolve("a/m.bil").toString()));
    assertEquals(0, first.status(), first.err());
    assertTrue(Files.size(state) > 0);
    var resumed = blitz(concat(common, "--resume", "-o", temp.resolve("b/m.bil").toString()));
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("resuming the student from " + state), resumed.out());
    assertFalse(resumed.out().contains("student epoch"), "a checkpoint after the last epoch leaves nothing to train: "
        + resumed.out());
    assertEquals(Files.readString(temp.resolve("a/m.bil")), Files.readString(temp.resolve("b/m.bil")));

    String[] other = common.clone();
    other[java.util.Arrays.asList(other).indexOf("4")] = "5";
    var refused = blitz(concat(other, "--resume", "-o", temp.resolve("c/m.bil").toString()));
    assertEquals(1, refused.status(), refused.err());
    assertTrue(refused.err().contains("error[DAT010]"), refused.err());
    assertTrue(refused.err().contains("seed=4 there, seed=5 here"), refused.err());
    assertNoStackTrace(refused);
    assertFalse(Files.exists(temp.resolve("c/m.bil")));

    var alone = blitz("train", "--data", data.toString(), "--arch", "16-24-4", "--resume", "-o",
        temp.resolve("d/m.bil").toString());
    assertEquals(2, alone.status(), alone.err());
    assertTrue(alone.err().contains("--resume continues from the file of --checkpoint FILE"), alone.err());
    var same = blitz("train", "--data", data.toString(), "--arch", "16-24-4", "--checkpoint",
        temp.resolve("e/m.bil").toString(), "-o", temp.resolve("e/../e/m.bil").toString());
    assertEquals(2, same.status(), same.err());
    assertTrue(same.err().contains("is also the file of -o"), same.err());
    assertFalse(Files.exists(temp.resolve("e")));
  }

  @Test
  void trainsAConvolutionalNetworkIntoACheckpoint() throws Exception {
    Path data = dataset();
    String[] common = {"train", "--data", data.toString(), "--arch", "c4-p-c6+-4", "--epochs", "4", "--teacher-epochs",
        "2", "--batch", "20", "--lr", "0.01", "--teacher-lr", "0.01", "--seed", "3", "--augment"};
    var run = blitz(concat(common, "--threads", "2", "--save-teacher", temp.resolve("t.bin").toString(), "-o",
        temp.resolve("quad.bcnn").toString()));
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("student c4-p-c6+-4, 8-bit input"), run.out());
    assertTrue(run.out().contains("float reference vs binary CNN: same class on 100/100 images, same scores on 100/100"),
        run.out());
    assertTrue(run.out().contains("weight bits: " + (4 * 9 + 6 * 36 + 4 * 24)), run.out());
    assertTrue(run.out().contains("s per epoch on 2 thread(s)"), run.out());
    String text = Files.readString(temp.resolve("quad.bcnn"));
    assertTrue(text.startsWith("# blitz train --dataset fashion-mnist --arch c4-p-c6+-4 --epochs 4 --train-teacher"),
        text);
    assertTrue(text.contains(" --augment "), text);
    var network = dev.brainblitz.train.cnn.BinaryCnnFile.read(temp.resolve("quad.bcnn"));
    assertEquals("quad", network.name());

    var again = blitz(concat(common, "--threads", "1", "-o", temp.resolve("again/quad.bcnn").toString()));
    assertEquals(0, again.status(), again.err());
    assertEquals(text, Files.readString(temp.resolve("again/quad.bcnn")), "the same seed with another thread count");

    var reused = blitz("train", "--data", data.toString(), "--arch", "c4-p-c6+-4", "--epochs", "4", "--batch", "20",
        "--lr", "0.01", "--seed", "3", "--augment", "--teacher", temp.resolve("t.bin").toString(), "-o",
        temp.resolve("reused/quad.bcnn").toString());
    assertEquals(0, reused.status(), reused.err());
    assertEquals(text.lines().skip(1).toList(), Files.readString(temp.resolve("reused/quad.bcnn")).lines().skip(1)
        .toList(), "a reloaded convolutional teacher distills exactly as the trained one");
  }

  /**
   * A CNN trained straight to the IL equals the checkpoint of the same run converted with
   * {@code blitz convert}; the IL's engine reproduced the checkpoint's scores on every test image;
   * and the model checks, infers and verifies on golden, engine, RTL and the RISC-V ISS, lowers to
   * Verilog, a RISC-V kernel and a C baseline, while the ONNX export refuses it cleanly (BIL109)
   * without writing anything.
   */
  @Test
  void trainsAConvolutionalNetworkIntoTheIl() throws Exception {
    Path data = dataset();
    String[] common = {"train", "--data", data.toString(), "--arch", "c4-p-c6+-4", "--epochs", "2", "--teacher-epochs",
        "1", "--batch", "20", "--lr", "0.01", "--teacher-lr", "0.01", "--seed", "3"};
    var il = blitz(concat(common, "-o", temp.resolve("quad.bil").toString()));
    assertEquals(0, il.status(), il.out() + il.err());
    assertTrue(il.out().contains("binary CNN vs exported IL model: same scores on 100/100 images"), il.out());
    var checkpoint = blitz(concat(common, "-o", temp.resolve("quad.bcnn").toString()));
    assertEquals(0, checkpoint.status(), checkpoint.err());
    var convert = blitz("convert", temp.resolve("quad.bcnn").toString(), "-o", temp.resolve("converted.bil").toString());
    assertEquals(0, convert.status(), convert.err());
    String trained = Files.readString(temp.resolve("quad.bil"));
    assertTrue(trained.startsWith("# blitz train --dataset fashion-mnist --arch c4-p-c6+-4"), trained);
    assertEquals(trained.lines().skip(1).toList(), Files.readString(temp.resolve("converted.bil")).lines().toList());
    assertTrue(trained.contains("conv2d conv2 : pool1 -> 6 {"), trained);
    assertTrue(trained.contains("image 2x2x4 kernel 3 stride 1 same +1"), trained);

    String model = temp.resolve("quad.bil").toString();
    var check = blitz("check", model);
    assertEquals(0, check.status(), check.err());
    assertTrue(check.out().contains("4x4x1 -> 4x4x4 (3x3, stride 1, same 0)"), check.out());
    var verify = blitz("verify", model, "--targets", "golden,engine", "--vectors", "20");
    assertEquals(0, verify.status(), verify.out() + verify.err());
    var infer = blitz("infer", model, "--dataset", "fashion-mnist", "--data", data.toString());
    assertEquals(0, infer.status(), infer.err());

    var rtl = blitz("verify", model, "--targets", "golden,rtl", "--vectors", "5");
    assertEquals(0, rtl.status(), rtl.out() + rtl.err());
    var verilog = blitz("verilog", model, "-o", temp.resolve("rtl").toString());
    assertEquals(0, verilog.status(), verilog.out() + verilog.err());
    assertTrue(Files.exists(temp.resolve("rtl")));

    for (String[] command : new String[][] {
        {"riscv", model, "--isa", "rv32im", "-o", temp.resolve("kernel.S").toString()},
        {"verify", model, "--targets", "golden,iss:rv32im,iss:rv32im_zbb,iss:rv32im_xbnn", "--vectors", "5"},
        {"c-baseline", model, "-o", temp.resolve("c").toString()}}) {
      var lowered = blitz(command);
      assertEquals(0, lowered.status(), String.join(" ", command) + "\n" + lowered.out() + lowered.err());
    }
    assertTrue(Files.exists(temp.resolve("kernel.S")));
    assertTrue(Files.exists(temp.resolve("c").resolve("network.c")));

    for (String[] command : new String[][] {
        {"export", model, "-o", temp.resolve("quad.onnx").toString()}}) {
      var refused = blitz(command);
      assertEquals(1, refused.status(), String.join(" ", command) + "\n" + refused.out() + refused.err());
      assertTrue(refused.err().contains("error[BIL109]"), refused.err());
      assertTrue(refused.err().contains("is not supported by the"), refused.err());
      assertNoStackTrace(refused);
    }
    assertFalse(Files.exists(temp.resolve("quad.onnx")));
  }

  @Test
  void convolutionalMistakesAreReportedBeforeTraining() {
    Path data = dataset();
    var extension = blitz("train", "--data", data.toString(), "--arch", "c4-p-4", "-o", temp.resolve("m.txt").toString());
    assertEquals(1, extension.status(), extension.err());
    assertTrue(extension.err().contains("error[BIL091]"), extension.err());
    var shape = blitz("train", "--data", data.toString(), "--arch", "c4-p-p-p-4", "-o",
        temp.resolve("m.bcnn").toString());
    assertEquals(2, shape.status(), shape.err());
    assertTrue(shape.err().contains("DAT008: "), shape.err());
    assertTrue(shape.err().contains("does not tile the 1x1 map"), shape.err());
    assertNoStackTrace(shape);
    assertFalse(Files.exists(temp.resolve("m.bcnn")));
    assertFalse(Files.exists(temp.resolve("m.bil")));
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
