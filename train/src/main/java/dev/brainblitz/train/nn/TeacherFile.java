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
 * {@code --teacher FILE}). Binary, big-endian: the magic {@code BBTEACH1}, the number of layer
 * sizes and the sizes, then every array of {@link Mlp#state()} as a length and floats.
 */
public final class TeacherFile {
  private static final byte[] MAGIC = "BBTEACH1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private TeacherFile() {}

  public static void write(Mlp teacher, Path path) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(teacher.sizes.length);
      for (int size : teacher.sizes) {
        out.writeInt(size);
      }
      for (float[] array : teacher.liveState()) {
        out.writeInt(array.length);
        for (float v : array) {
          out.writeFloat(v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    AtomicFiles.write(path, bytes.toByteArray());
  }

  /** The teacher in {@code path}, for inputs of {@code inputSize} and {@code classes} classes. */
  public static Mlp read(Path path, int inputSize, int classes, int maxBatch) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(path);
    } catch (IOException e) {
      throw error(path, "cannot read teacher '" + path + "': " + (Files.exists(path) ? e.getMessage() : "no such file"));
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(raw);
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
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
      Mlp teacher = new Mlp(Mlp.Kind.TEACHER, InputKind.U8, sizes, maxBatch);
      List<float[]> state = teacher.liveState();
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
      teacher.refresh();
      return teacher;
    } catch (BufferUnderflowException e) {
      throw error(path, "'" + path + "' is truncated");
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
