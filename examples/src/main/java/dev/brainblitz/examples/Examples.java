package dev.brainblitz.examples;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.ir.text.TextModelReader;
import dev.brainblitz.train.data.Idx;
import dev.brainblitz.train.data.ImageSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The networks bundled with brain-blitz (the files in {@code examples/models}). */
public enum Examples {
  /** 5 bipolar inputs, 3 hidden neurons, 2 classes; outputs hand-computed in its test. */
  TINY("tiny.bil"),
  /** 3 u8 inputs, 2 hidden neurons, 2 classes; outputs hand-computed in its test. */
  TINY_U8("tiny-u8.bil"),
  /**
   * A 784-256-256-10 network with 8-bit input, random but valid: the shape of the Fashion-MNIST
   * MLP, until a trained one ships. Regenerate with {@link #generateMlp784()}.
   */
  MLP784("mlp784.bil"),
  /**
   * A 784-256-256-10 binary network with 8-bit input trained on Fashion-MNIST by distillation
   * ({@code blitz train}; the exact command is the file's first line and in README.md).
   */
  FASHION_MLP("fashion-mlp.bil"),
  /**
   * The same shape trained fault-aware (weight flips 1e-2, activation flips 1e-3 in every training
   * step, docs/faults.md), without a teacher; the exact command is the file's first line and in
   * README.md.
   */
  FASHION_MLP_FAULT_AWARE("fashion-mlp-fault-aware.bil"),
  /**
   * A 784-64-64-10 binary network with bipolar input (pixel >= 128) trained on Fashion-MNIST without
   * a teacher, small enough for the block RAM and flip-flops of an iCE40 UP5K (54,912 weight bits, docs/fpga.md); the exact command
   * is the file's first line and in README.md.
   */
  FASHION_UP5K("fashion-up5k.bil"),
  /**
   * A c32-c32-p-c64-c64-p-f256-10 binary CNN with 8-bit input trained on Fashion-MNIST by
   * distillation from a float CNN ({@code blitz train}; the command is the file's first line and
   * in README.md).
   */
  FASHION_CNN("fashion-cnn.bil"),
  /**
   * A c48-c48-p-c96-c96-p-f128-10 binary CNN with 8-bit input distilled from a float CNN trained 12
   * epochs: fashion-cnn at one and a half times its channels and half its dense layer, the most
   * accurate bundled model (the command is the file's first line and in README.md).
   */
  FASHION_CNN_WIDE("fashion-cnn-wide.bil"),
  /**
   * A c12-c12-p-c24-c24-p-f48-10 binary CNN with 8-bit input distilled from fashion-cnn's float
   * teacher: a CNN whose line-buffer design fits, places and routes on an iCE40 UP5K at the folding
   * docs/fpga.md gives (fashion-cnn needs about 8,700 logic cells there); the command is the file's
   * first line and in README.md.
   */
  FASHION_CNN_UP5K("fashion-cnn-up5k.bil");

  /** The directory, under examples/data and in the class path, of the bundled Fashion-MNIST test slice. */
  public static final String FASHION_SLICE = "fashion-mnist-test-1000";

  /** The seed {@link #generateMlp784()} uses; changing it changes the bundled file. */
  public static final long MLP784_SEED = 2026;

  private final String fileName;

  Examples(String fileName) {
    this.fileName = fileName;
  }

  /** The default model of {@code blitz demo}. */
  public static Examples defaultModel() {
    return FASHION_MLP;
  }

  /**
   * The first 1,000 images and labels of the Fashion-MNIST test set (MIT license, Zalando SE: see
   * examples/data/fashion-mnist-test-1000/LICENSE), bundled so that tests and the demo run without
   * the dataset package.
   */
  public static ImageSet fashionTestSlice() {
    String images = "data/" + FASHION_SLICE + "/t10k-images-idx3-ubyte.gz";
    String labels = "data/" + FASHION_SLICE + "/t10k-labels-idx1-ubyte.gz";
    return Idx.read("examples/" + images, resource(images), "examples/" + labels, resource(labels));
  }

  private static byte[] resource(String name) {
    try (InputStream in = Examples.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled file " + name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String fileName() {
    return fileName;
  }

  /** The file's name without extension, as users type it ({@code tiny}, {@code mlp784}). */
  public String shortName() {
    return fileName.substring(0, fileName.lastIndexOf('.'));
  }

  public static List<String> shortNames() {
    return Arrays.stream(values()).map(Examples::shortName).toList();
  }

  /** The model file's text, as bundled. */
  public String text() {
    try (InputStream in = Examples.class.getResourceAsStream(fileName)) {
      if (in == null) {
        throw new IllegalStateException("bundled model " + fileName + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bundled model, read and validated. */
  public Network network() {
    return TextModelReader.read("examples/models/" + fileName, text());
  }

  /** The bundled model as read (with its source positions). */
  public Model model() {
    return network().model();
  }

  /** The random 784-256-256-10 u8 network that {@code mlp784.bil} holds. */
  public static Network generateMlp784() {
    return RandomNetworks.mlp("mlp784", new Random(MLP784_SEED), InputKind.U8, new int[] {784, 256, 256, 10}, true);
  }
}
