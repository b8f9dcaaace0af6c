package dev.brainblitz.train.nn;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A trained teacher saved for later distillations ({@code blitz train --save-teacher}, then
 * {@code --teacher FILE}). Binary, big-endian. An MLP: the magic {@code BBTEACH1}, the number of
 * layer sizes and the sizes; a convolutional network: the magic {@code BBTCONV1}, its
 * architecture as a length-prefixed UTF-8 string ({@link java.io.DataOutput#writeUTF}) and the
 * image height and width. Then every array of the network's {@code state()} as a length and floats.
 */
public final class TeacherFile {
  private static final byte[] MAGIC = "BBTEACH1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] CONV_MAGIC = "BBTCONV1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private TeacherFile() {}

  public static void write(Trainable teacher, Path path) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      List<float[]> arrays;
      if (teacher instanceof Mlp mlp) {
        out.write(MAGIC);
        out.writeInt(mlp.sizes.length);
        for (int size : mlp.sizes) {
          out.writeInt(size);
        }
        arrays = mlp.liveState();
      } else {
        Cnn cnn = (Cnn) teacher;
        out.write(CONV_MAGIC);
        out.writeUTF(cnn.architecture());
        out.writeInt(cnn.height);
        out.writeInt(cnn.width);
        arrays = cnn.liveState();
      }
      writeArrays(out, arrays);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    AtomicFiles.write(path, bytes.toByteArray());
  }

  /** Each array as its length and its floats, the layout of teacher and {@link Checkpoint} files. */
  static void writeArrays(DataOutputStream out, List<float[]> arrays) throws IOException {
    for (float[] array : arrays) {
      out.writeInt(array.length);
      for (float v : array) {
        out.writeFloat(v);
      }
    }
  }

  /** The teacher in {@code path}, for images of {@code rows x columns} and {@code classes} classes. */
  public static Trainable read(Path path, int rows, int columns, int classes, int maxBatch) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(path);
    } catch (IOException e) {
      throw error(path, "cannot read teacher '" + path + "': " + (Files.exists(path) ? e.getMessage() : "no such file"));
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(raw);
      int inputSize = rows * columns;
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (Arrays.equals(magic, CONV_MAGIC)) {
        return readConv(path, in, rows, columns, classes, maxBatch);
      }
      if (!Arrays.equals(magic, MAGIC)) {
        throw error(path, "'" + path + "' is not a teacher file written by blitz train --save-teacher");
      }
      int count = in.getInt();
      if (count < 2 || count > 64) {
        throw error(path, "'" + path + "' has " + count + " layer sizes");
      }
      int[] sizes = new int[count];
      for (int k = 0; k < count; k++) {
        sizes[k] = in.getInt();
        if (sizes[k] < 1 || sizes[k] > 1 << 20) {
          throw error(path, "'" + path + "' has a layer of " + sizes[k] + " neurons");
        }
      }
      if (sizes[0] != inputSize || sizes[count - 1] != classes) {
        throw error(path, "teacher '" + path + "' is " + shape(sizes) + ": it does not take " + inputSize
            + " inputs to " + classes + " classes");
      }
      Mlp teacher = new Mlp(Trainable.Kind.TEACHER, InputKind.U8, sizes, maxBatch);
      readArrays(path, in, teacher.liveState());
      teacher.refresh();
      return teacher;
    } catch (BufferUnderflowException e) {
      throw error(path, "'" + path + "' is truncated");
    }
  }

  private static Cnn readConv(Path path, ByteBuffer in, int rows, int columns, int classes, int maxBatch) {
    int length = Short.toUnsignedInt(in.getShort());
    byte[] text = new byte[length];
    in.get(text);
    String arch = new String(text, java.nio.charset.StandardCharsets.UTF_8);
    int height = in.getInt();
    int width = in.getInt();
    Architecture parsed;
    try {
      parsed = Architecture.parse(arch);
    } catch (DiagnosticException e) {
      throw error(path, "'" + path + "' is corrupt: its architecture '" + arch + "' does not parse");
    }
    if (!(parsed instanceof Architecture.Convolutional conv)) {
      throw error(path, "'" + path + "' is corrupt: '" + arch + "' is not a convolutional architecture");
    }
    if (height != rows || width != columns || conv.classes() != classes) {
      throw error(path, "teacher '" + path + "' is " + arch + " on " + height + "x" + width + " images: it does not"
          + " take " + rows + "x" + columns + " images to " + classes + " classes");
    }
    Cnn teacher = new Cnn(Trainable.Kind.TEACHER, InputKind.U8, conv, height, width, maxBatch);
    readArrays(path, in, teacher.liveState());
    teacher.refresh();
    return teacher;
  }

  private static void readArrays(Path path, ByteBuffer in, List<float[]> state) {
    for (float[] array : state) {
      int length = in.getInt();
      if (length != array.length) {
        throw error(path, "'" + path + "' is corrupt: an array of " + length + " values where " + array.length
            + " belong");
      }
      for (int i = 0; i < length; i++) {
        array[i] = in.getFloat();
      }
    }
    if (in.hasRemaining()) {
      throw error(path, "'" + path + "' has " + in.remaining() + " bytes after the teacher");
    }
  }

  /** {@code 784-256-256-10}. */
  public static String shape(int[] sizes) {
    return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
  }

  private static DiagnosticException error(Path path, String message) {
    return new DiagnosticException(new Diagnostic(ErrorCode.TRAIN_BAD_TEACHER, SourceSpan.wholeFile(path.toString()),
        message));
  }
}
