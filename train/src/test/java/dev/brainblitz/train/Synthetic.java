package dev.brainblitz.train;

import dev.brainblitz.train.data.ImageSet;
import java.util.Random;

/**
 * A tiny separable dataset: 4x4 images of 4 classes; class c lights quadrant c (pixels 180..255)
 * over a dark background (0..60).
 */
final class Synthetic {
  private Synthetic() {}

  static ImageSet quadrants(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 16];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      int c = s % 4;
      labels[s] = (byte) c;
      for (int r = 0; r < 4; r++) {
        for (int col = 0; col < 4; col++) {
          boolean lit = (r / 2) * 2 + col / 2 == c;
          int value = lit ? 180 + random.nextInt(76) : random.nextInt(61);
          pixels[s * 16 + r * 4 + col] = (byte) value;
        }
      }
    }
    return new ImageSet(4, 4, pixels, labels);
  }

  /** 8x8 images of 4 classes: class c lights quadrant c (pixels 180..255) over 0..60. */
  static ImageSet quadrants8(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 64];
    byte[] labels = new byte[count];
    for (int s = 0; s < count; s++) {
      int c = s % 4;
      labels[s] = (byte) c;
      for (int r = 0; r < 8; r++) {
        for (int col = 0; col < 8; col++) {
          boolean lit = (r / 4) * 2 + col / 4 == c;
          pixels[s * 64 + r * 8 + col] = (byte) (lit ? 180 + random.nextInt(76) : random.nextInt(61));
        }
      }
    }
    return new ImageSet(8, 8, pixels, labels);
  }

  /** A small convolutional run on {@link #quadrants8}. */
  static TrainingOptions cnnOptions(String arch, double alpha, boolean binarizedInput, boolean augment, long seed) {
    var a = TrainingOptions.parseArch(arch);
    return new TrainingOptions(a, a, 5, 3, 20, 0.01, 0.01, alpha, 2, binarizedInput, augment, seed);
  }

  static TrainingOptions options(double alpha, boolean binarizedInput, long seed) {
    return new TrainingOptions(new int[] {16, 24, 16, 4}, new int[] {16, 24, 16, 4}, 6, 4, 20, 0.01, 0.01, alpha, 2,
        binarizedInput, seed);
  }
}
