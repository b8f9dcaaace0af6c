package dev.brainblitz.train;

import java.util.Random;

/**
 * The training-time augmentation of {@code --augment}: each image is shifted by dx, dy drawn
 * uniformly from [-2, 2] (pixels shifted in from outside are 0, black) and mirrored left to right
 * with probability 1/2. Three draws per image from the run's own generator, so a seed fixes every
 * augmented image.
 */
final class Augmentation {
  static final int MAX_SHIFT = 2;

  private Augmentation() {}

  /** One image's shift and mirroring. */
  record Draw(int dx, int dy, boolean mirror) {}

  /** The next image's draw: the only place that takes numbers from the generator. */
  static Draw draw(Random random) {
    int dx = random.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
    int dy = random.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
    return new Draw(dx, dy, random.nextBoolean());
  }

  /** Replaces {@code pixels} (rows x columns, row-major) by its augmented version. */
  static void apply(int[] pixels, int rows, int columns, Random random) {
    Draw draw = draw(random);
    int dx = draw.dx();
    int dy = draw.dy();
    boolean mirror = draw.mirror();
    int[] source = pixels.clone();
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        int sy = y - dy;
        int sx = (mirror ? columns - 1 - x : x) - dx;
        pixels[y * columns + x] = sy >= 0 && sy < rows && sx >= 0 && sx < columns ? source[sy * columns + sx] : 0;
      }
    }
  }
}
