package dev.brainblitz.train.data;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX file format of MNIST-style datasets (http://yann.lecun.com/exdb/mnist/): a big-endian
 * header {@code 0x00 0x00 TYPE NDIMS}, one 32-bit size per dimension, then the data. We read the
 * unsigned-byte type ({@code 0x08}) only: images are 3 dimensions (count, rows, columns), labels 1.
 * A file may be gzip-compressed; that is detected by its first two bytes ({@code 1f 8b}), not its
 * name. Every defect is a {@link DiagnosticException} with a DAT code (docs/train.md).
 */
public final class Idx {
  private static final int UNSIGNED_BYTE = 0x08;

  private Idx() {}

  /** The images of an {@code idx3-ubyte} file. */
  public static Images readImages(Path path) {
    return images(path, contents(path));
  }

  private static Images images(Path path, byte[] bytes) {
    ByteBuffer data = ByteBuffer.wrap(bytes);
    int[] dims = header(path, data, 3, "images (idx3-ubyte)");
    long size = (long) dims[0] * dims[1] * dims[2];
    byte[] pixels = body(path, data, size);
    return new Images(dims[0], dims[1], dims[2], pixels);
  }

  /** The labels of an {@code idx1-ubyte} file. */
  public static byte[] readLabels(Path path) {
    return labels(path, contents(path));
  }

  private static byte[] labels(Path path, byte[] bytes) {
    ByteBuffer data = ByteBuffer.wrap(bytes);
    int[] dims = header(path, data, 1, "labels (idx1-ubyte)");
    return body(path, data, dims[0]);
  }

  /** Images as read from a file, before they are paired with labels. */
  public record Images(int count, int rows, int columns, byte[] pixels) {}

  /** A pair of files as one set: checks that they hold the same number of items. */
  public static ImageSet read(Path images, Path labels) {
    return pair(images, readImages(images), labels, readLabels(labels));
  }

  /**
   * A pair from the bytes of its two files (e.g. class-path resources), gzipped or not;
   * {@code imagesName} and {@code labelsName} name them in errors.
   */
  public static ImageSet read(String imagesName, byte[] images, String labelsName, byte[] labels) {
    Path i = Path.of(imagesName);
    Path l = Path.of(labelsName);
    return pair(i, images(i, decompressed(i, images)), l, labels(l, decompressed(l, labels)));
  }

  private static ImageSet pair(Path images, Images read, Path labels, byte[] labelBytes) {
    if (read.count() != labelBytes.length) {
      throw error(ErrorCode.DATA_COUNT_MISMATCH, labels, "'" + labels + "' holds " + labelBytes.length
          + " labels but '" + images + "' holds " + read.count() + " images");
    }
    return new ImageSet(read.rows(), read.columns(), read.pixels(), labelBytes);
  }

  /** The gzip-compressed IDX bytes of {@code set}'s images: deterministic (no time stamp). */
  public static byte[] imagesFile(ImageSet set) {
    ByteBuffer header = ByteBuffer.allocate(16);
    header.putInt(0x00000803).putInt(set.count()).putInt(set.rows()).putInt(set.columns());
    return gzip(header.array(), set.pixelsUnsafe());
  }

  /** The gzip-compressed IDX bytes of {@code set}'s labels. */
  public static byte[] labelsFile(ImageSet set) {
    ByteBuffer header = ByteBuffer.allocate(8);
    header.putInt(0x00000801).putInt(set.count());
    return gzip(header.array(), set.labelsUnsafe());
  }

  /** Writes both files of {@code set} atomically. */
  public static void write(ImageSet set, Path images, Path labels) {
    AtomicFiles.write(images, imagesFile(set));
    AtomicFiles.write(labels, labelsFile(set));
  }

  private static byte[] gzip(byte[] header, byte[] body) {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(header);
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static byte[] contents(Path path) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw error(ErrorCode.DATA_MISSING, path, "cannot read '" + path + "': no such file");
    } catch (IOException e) {
      throw error(ErrorCode.DATA_MISSING, path, "cannot read '" + path + "': "
          + (Files.isDirectory(path) ? "it is a directory" : e.getMessage()));
    }
    return decompressed(path, raw);
  }

  private static byte[] decompressed(Path path, byte[] raw) {
    if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return in.readAllBytes();
      } catch (EOFException e) {
        throw error(ErrorCode.DATA_TRUNCATED, path, "'" + path + "' is a truncated gzip file");
      } catch (ZipException e) {
        throw error(ErrorCode.DATA_CORRUPT, path, "'" + path + "' is a corrupt gzip file: " + e.getMessage());
      } catch (IOException e) {
        throw error(ErrorCode.DATA_CORRUPT, path, "cannot decompress '" + path + "': " + e.getMessage());
      }
    }
    return raw;
  }

  private static int[] header(Path path, ByteBuffer data, int dimensions, String what) {
    if (data.remaining() < 4) {
      throw error(ErrorCode.DATA_TRUNCATED, path, "'" + path + "' ends inside the IDX header (" + data.remaining()
          + " bytes)");
    }
    int magic = data.getInt();
    int expected = UNSIGNED_BYTE << 8 | dimensions;
    if (magic != expected) {
      throw error(ErrorCode.DATA_BAD_MAGIC, path, String.format(
          "'%s' is not an IDX file of %s: magic number 0x%08x, expected 0x%08x", path, what, magic, expected));
    }
    if (data.remaining() < 4 * dimensions) {
      throw error(ErrorCode.DATA_TRUNCATED, path, "'" + path + "' ends inside the IDX header");
    }
    int[] dims = new int[dimensions];
    for (int d = 0; d < dimensions; d++) {
      dims[d] = data.getInt();
      if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
        throw error(ErrorCode.DATA_BAD_MAGIC, path, "'" + path + "': dimension " + d + " is " + dims[d]);
      }
    }
    return dims;
  }

  private static byte[] body(Path path, ByteBuffer data, long size) {
    if (data.remaining() < size) {
      throw error(ErrorCode.DATA_TRUNCATED, path, "'" + path + "' is truncated: its header announces " + size
          + " data bytes but " + data.remaining() + " follow");
    }
    if (data.remaining() > size) {
      throw error(ErrorCode.DATA_CORRUPT, path, "'" + path + "' has " + (data.remaining() - size)
          + " bytes after the " + size + " its header announces");
    }
    byte[] body = new byte[(int) size];
    data.get(body);
    return body;
  }

  static DiagnosticException error(ErrorCode code, Path path, String message) {
    return new DiagnosticException(new Diagnostic(code, SourceSpan.wholeFile(path.toString()), message));
  }
}
