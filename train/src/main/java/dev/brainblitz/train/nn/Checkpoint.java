package dev.brainblitz.train.nn;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A student's training after a whole epoch ({@code blitz train --checkpoint FILE}, continued by
 * {@code --resume}): every parameter and running statistic of the network, the optimizer's moments
 * and step count, and the run's {@code fingerprint} (its options, its data and its teacher), which a
 * resumed run must match. The order of the samples and the augmentation are not stored: they come
 * from the seed and are replayed for the epochs done, so a resumed run ends in the same bits as one
 * that never stopped.
 *
 * <p>File: binary, big-endian; the magic {@code BBCKPT01}, the fingerprint as a length-prefixed
 * UTF-8 string ({@link java.io.DataOutput#writeUTF}), the epochs done, the optimizer's steps, then
 * every array of the network's state and then every moment array (m and v per parameter) as a length
 * and floats.
 */
public record Checkpoint(String fingerprint, int epochs, int steps, List<float[]> state, List<float[]> moments) {
  private static final byte[] MAGIC = "BBCKPT01".getBytes(StandardCharsets.US_ASCII);

  public Checkpoint {
    state = List.copyOf(state);
    moments = List.copyOf(moments);
  }

  /** A copy of {@code net}'s and {@code adam}'s state after {@code epochs} epochs. */
  public static Checkpoint of(String fingerprint, int epochs, Trainable net, Adam adam) {
    return new Checkpoint(fingerprint, epochs, adam.steps(), copies(live(net)), copies(adam.moments()));
  }

  /** Puts this state back into {@code net} and {@code adam}, which must have the checkpoint's shapes. */
  public void restore(Trainable net, Adam adam, Path source) {
    fill(live(net), state, source, "network");
    fill(adam.moments(), moments, source, "optimizer");
    adam.resumeAt(steps);
    if (net instanceof Mlp mlp) {
      mlp.resumeFaultSteps(steps);
      mlp.refresh();
    } else {
      ((Cnn) net).refresh();
    }
  }

  private static List<float[]> live(Trainable net) {
    return net instanceof Mlp mlp ? mlp.liveState() : ((Cnn) net).liveState();
  }

  private static List<float[]> copies(List<float[]> arrays) {
    return arrays.stream().map(float[]::clone).toList();
  }

  private static void fill(List<float[]> into, List<float[]> from, Path source, String what) {
    if (into.size() != from.size()) {
      throw error(source, "'" + source + "' holds " + from.size() + " " + what + " arrays where " + into.size()
          + " belong");
    }
    for (int i = 0; i < into.size(); i++) {
      if (into.get(i).length != from.get(i).length) {
        throw error(source, "'" + source + "' holds a " + what + " array of " + from.get(i).length + " values where "
            + into.get(i).length + " belong");
      }
      System.arraycopy(from.get(i), 0, into.get(i), 0, from.get(i).length);
    }
  }

  /** Writes the checkpoint to {@code path} atomically: a run killed while writing leaves the previous one. */
  public void write(Path path) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeUTF(fingerprint);
      out.writeInt(epochs);
      out.writeInt(steps);
      out.writeInt(state.size());
      out.writeInt(moments.size());
      TeacherFile.writeArrays(out, state);
      TeacherFile.writeArrays(out, moments);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    AtomicFiles.write(path, bytes.toByteArray());
  }

  /** The checkpoint in {@code path}. */
  public static Checkpoint read(Path path) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(path);
    } catch (IOException e) {
      throw error(path, "cannot read checkpoint '" + path + "': " + (Files.exists(path) ? e.getMessage()
          : "no such file (--checkpoint writes it after each student epoch)"));
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(raw);
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw error(path, "'" + path + "' is not a checkpoint written by blitz train --checkpoint");
      }
      byte[] text = new byte[Short.toUnsignedInt(in.getShort())];
      in.get(text);
      String fingerprint = new String(text, StandardCharsets.UTF_8);
      int epochs = in.getInt();
      int steps = in.getInt();
      int stateArrays = in.getInt();
      int momentArrays = in.getInt();
      if (epochs < 0 || steps < 0 || stateArrays < 0 || momentArrays < 0) {
        throw error(path, "'" + path + "' is corrupt: negative counts in its header");
      }
      List<float[]> state = readArrays(path, in, stateArrays);
      List<float[]> moments = readArrays(path, in, momentArrays);
      if (in.hasRemaining()) {
        throw error(path, "'" + path + "' has " + in.remaining() + " bytes after the checkpoint");
      }
      return new Checkpoint(fingerprint, epochs, steps, state, moments);
    } catch (BufferUnderflowException e) {
      throw error(path, "'" + path + "' is truncated");
    }
  }

  private static List<float[]> readArrays(Path path, ByteBuffer in, int count) {
    var arrays = new ArrayList<float[]>();
    for (int k = 0; k < count; k++) {
      int length = in.getInt();
      if (length < 0 || (long) length * Float.BYTES > in.remaining()) {
        throw error(path, "'" + path + "' is truncated");
      }
      float[] array = new float[length];
      for (int i = 0; i < length; i++) {
        array[i] = in.getFloat();
      }
      arrays.add(array);
    }
    return arrays;
  }

  static DiagnosticException error(Path path, String message) {
    return new DiagnosticException(new Diagnostic(ErrorCode.TRAIN_BAD_CHECKPOINT,
        SourceSpan.wholeFile(path.toString()), message));
  }
}
