package dev.brainblitz.train.data;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.util.Arrays;

/**
 * Labelled grey-scale images as an IDX pair holds them: {@code count} images of {@code rows x columns}
 * bytes (0..255, row-major, image after image) and one label per image. Immutable: accessors copy.
 */
public final class ImageSet {
  private final int rows;
  private final int columns;
  private final byte[] pixels;
  private final byte[] labels;

  public ImageSet(int rows, int columns, byte[] pixels, byte[] labels) {
    if (rows <= 0 || columns <= 0 || (long) rows * columns * labels.length != pixels.length) {
      throw new IllegalArgumentException(labels.length + " images of " + rows + "x" + columns + " need "
          + (long) rows * columns * labels.length + " pixels, not " + pixels.length);
    }
    this.rows = rows;
    this.columns = columns;
    this.pixels = pixels.clone();
    this.labels = labels.clone();
  }

  public int count() {
    return labels.length;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** Pixels per image. */
  public int imageSize() {
    return rows * columns;
  }

  /** Pixel {@code i} (0..255) of image {@code image}. */
  public int pixel(int image, int i) {
    return pixels[image * imageSize() + i] & 0xff;
  }

  /** A copy of one image's bytes. */
  public byte[] image(int image) {
    return Arrays.copyOfRange(pixels, image * imageSize(), (image + 1) * imageSize());
  }

  public int label(int image) {
    return labels[image] & 0xff;
  }

  /** The first {@code n} images with their labels. */
  public ImageSet first(int n) {
    int k = Math.min(n, count());
    return new ImageSet(rows, columns, Arrays.copyOf(pixels, k * imageSize()), Arrays.copyOf(labels, k));
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive). */
  public ImageSet range(int from, int to) {
    return new ImageSet(rows, columns, Arrays.copyOfRange(pixels, from * imageSize(), to * imageSize()),
        Arrays.copyOfRange(labels, from, to));
  }

  /** The largest label plus one. */
  public int classes() {
    int max = -1;
    for (byte label : labels) {
      max = Math.max(max, label & 0xff);
    }
    return max + 1;
  }

  /**
   * Checks that {@code what} (a model of {@code inputs} inputs and {@code classes} classes) can
   * read these images and predict their labels: {@link ErrorCode#DATA_SHAPE} or
   * {@link ErrorCode#DATA_BAD_LABEL} otherwise.
   */
  public void requireFits(int inputs, int classes, String what) {
    if (inputs != imageSize()) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.DATA_SHAPE, SourceSpan.UNKNOWN, what + " takes " + inputs
          + " inputs but the images have " + rows + "x" + columns + " = " + imageSize() + " pixels"));
    }
    if (classes() > classes) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.DATA_BAD_LABEL, SourceSpan.UNKNOWN, what + " has "
          + classes + " classes but the labels go up to " + (classes() - 1)));
    }
  }

  byte[] pixelsUnsafe() {
    return pixels;
  }

  byte[] labelsUnsafe() {
    return labels;
  }
}
