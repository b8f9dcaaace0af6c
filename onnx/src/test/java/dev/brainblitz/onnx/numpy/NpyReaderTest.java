package dev.brainblitz.onnx.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.ir.diag.DiagnosticException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The .npy format by hand: headers of each version, element types, and what is refused. */
class NpyReaderTest {
  /** A .npy file: magic, version, header length, the header padded to 64 bytes, then {@code data}. */
  static byte[] npy(int major, String header, byte[] data) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    int prefix = 8 + (major == 1 ? 2 : 4);
    StringBuilder text = new StringBuilder(header);
    while ((prefix + text.length() + 1) % 64 != 0) {
      text.append(' ');
    }
    text.append('\n');
    ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      length.putShort((short) text.length());
    } else {
      length.putInt(text.length());
    }
    out.writeBytes(length.array());
    out.writeBytes(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  static String code(DiagnosticException e) {
    return e.diagnostics().get(0).code().code();
  }

  @Test
  void readsVersionOneAndTwoHeadersAndElementTypes() {
    NpyArray a = NpyReader.read("f", "k", npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }",
        new byte[] {1, 2, 3, 4, 5, (byte) 255}));
    assertArrayEquals(new long[] {2, 3}, a.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 255}, a.values());
    ByteBuffer ints = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putLong(-3).putLong(7);
    NpyArray b = NpyReader.read("f", "k", npy(2, "{\"descr\": \">i8\", \"fortran_order\": False, \"shape\": (2,)}",
        ints.array()));
    assertArrayEquals(new double[] {-3, 7}, b.values());
    NpyArray scalar = NpyReader.read("f", "k", npy(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (), }",
        new byte[] {1}));
    assertEquals(0, scalar.rank());
    assertEquals(1.0, scalar.get(0));
  }

  @Test
  void fortranOrderIsTransposedToRowMajor() {
    ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : new float[] {1, 4, 2, 5, 3, 6}) { // column-major [[1, 2, 3], [4, 5, 6]]
      data.putFloat(v);
    }
    NpyArray a = NpyReader.read("f", "k", npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
        data.array()));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.values());
  }

  @Test
  void refusesWhatItCannotRead() {
    assertEquals("NPY002", code(assertThrows(DiagnosticException.class,
        () -> NpyReader.read("f", "k", "not numpy at all".getBytes(StandardCharsets.UTF_8)))));
    assertEquals("NPY002", code(assertThrows(DiagnosticException.class,
        () -> NpyReader.read("f", "k", npy(4, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[4])))));
    assertEquals("NPY002", code(assertThrows(DiagnosticException.class,
        () -> NpyReader.read("f", "k", npy(1, "{'descr': '<f4', 'shape': (1,), }", new byte[4])))));
    assertEquals("NPY002", code(assertThrows(DiagnosticException.class,
        () -> NpyReader.read("f", "k", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (a,), }", new byte[4])))));
    assertEquals("NPY003", code(assertThrows(DiagnosticException.class,
        () -> NpyReader.read("f", "k", npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", new byte[4])))));
    assertEquals("NPY003", code(assertThrows(DiagnosticException.class,
        () -> NpyReader.read("f", "k", npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", new byte[16])))));
    assertEquals("NPY004", code(assertThrows(DiagnosticException.class,
        () -> NpyReader.read("f", "k", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", new byte[8])))));
    assertEquals("NPY004", code(assertThrows(DiagnosticException.class,
        () -> NpyReader.read("f", "k", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", new byte[8])))));
  }
}
