package dev.brainblitz.onnx.numpy;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the NumPy {@code .npy} format (versions 1.0 to 3.0): the magic string {@code \x93NUMPY}, a
 * major and minor version byte, the header's length (2 bytes little-endian in version 1, 4 bytes
 * after), and the header: a Python dict literal with {@code 'descr'} (the element type, e.g.
 * {@code '<f4'}), {@code 'fortran_order'} and {@code 'shape'}, padded with spaces and a newline.
 * The raw elements follow. Element types read: floats of 4 and 8 bytes, signed and unsigned integers
 * of 1 to 8 bytes, and booleans, either byte order; anything else (half floats, complex, strings,
 * Python objects) is refused.
 */
public final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** The largest array read (2^28 elements). */
  static final long MAX_ELEMENTS = 1L << 28;

  private final String where;
  private final String file;

  private NpyReader(String file, String key) {
    this.file = file;
    this.where = "array '" + key + "'";
  }

  /** The array in {@code bytes}, the entry {@code key} of {@code file} (for messages). */
  public static NpyArray read(String file, String key, byte[] bytes) {
    return new NpyReader(file, key).parse(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
  }

  private DiagnosticException error(ErrorCode code, String message) {
    return new DiagnosticException(new Diagnostic(code, SourceSpan.wholeFile(file), where + ": " + message));
  }

  private NpyArray parse(ByteBuffer in) {
    if (in.remaining() < 10) {
      throw error(ErrorCode.NPY_BAD_HEADER, "not a .npy array (" + in.remaining() + " bytes, shorter than a header)");
    }
    for (byte b : MAGIC) {
      if (in.get() != b) {
        throw error(ErrorCode.NPY_BAD_HEADER, "not a .npy array (no \\x93NUMPY magic string)");
      }
    }
    int major = Byte.toUnsignedInt(in.get());
    in.get();
    if (major < 1 || major > 3) {
      throw error(ErrorCode.NPY_BAD_HEADER, ".npy format version " + major + " is not one this reader knows (1 to 3)");
    }
    long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : Integer.toUnsignedLong(in.getInt());
    if (headerLength > in.remaining()) {
      throw error(ErrorCode.NPY_TRUNCATED, "the header is cut short");
    }
    byte[] header = new byte[(int) headerLength];
    in.get(header);
    Map<String, Object> fields = new HeaderParser(new String(header,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)).dict();
    if (!(fields.get("descr") instanceof String descr) || !(fields.get("fortran_order") instanceof Boolean fortran)
        || !(fields.get("shape") instanceof long[] shape)) {
      throw error(ErrorCode.NPY_BAD_HEADER, "the header lacks 'descr', 'fortran_order' or 'shape'");
    }
    ElementType type = ElementType.of(descr);
    if (type == null) {
      throw error(ErrorCode.NPY_DATA_TYPE, "element type '" + descr + "' is not read; save float32, float64,"
          + " integer or boolean arrays");
    }
    long count = 1;
    for (long d : shape) {
      count *= d;
      if (d < 0 || count > MAX_ELEMENTS) {
        throw error(ErrorCode.NPY_BAD_HEADER, "shape is negative or too large");
      }
    }
    long expected = count * type.width;
    if (in.remaining() != expected) {
      throw error(ErrorCode.NPY_TRUNCATED, "shape " + java.util.Arrays.toString(shape) + " of " + descr + " needs "
          + expected + " bytes of data, the file has " + in.remaining());
    }
    ByteBuffer data = in.slice().order(type.order);
    double[] values = new double[(int) count];
    for (int i = 0; i < values.length; i++) {
      values[i] = type.read(data, i);
    }
    if (fortran && shape.length > 1) {
      values = toRowMajor(values, shape);
    }
    return new NpyArray(shape, values);
  }

  /** Column-major (Fortran) order to row-major (C) order. */
  private static double[] toRowMajor(double[] values, long[] shape) {
    double[] out = new double[values.length];
    int rank = shape.length;
    int[] index = new int[rank];
    for (int c = 0; c < values.length; c++) {
      int f = 0;
      for (int k = rank - 1; k >= 0; k--) {
        f = f * (int) shape[k] + index[k];
      }
      out[c] = values[f];
      for (int k = rank - 1; k >= 0; k--) {
        if (++index[k] < shape[k]) {
          break;
        }
        index[k] = 0;
      }
    }
    return out;
  }

  private enum Kind {
    FLOAT, SIGNED, UNSIGNED, BOOL
  }

  private record ElementType(Kind kind, int width, ByteOrder order) {
    static ElementType of(String descr) {
      if (descr.length() < 3) {
        return null;
      }
      char endian = descr.charAt(0);
      ByteOrder order = endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      if (endian != '<' && endian != '>' && endian != '|' && endian != '=') {
        return null;
      }
      int width;
      try {
        width = Integer.parseInt(descr.substring(2));
      } catch (NumberFormatException e) {
        return null;
      }
      Kind kind = switch (descr.charAt(1)) {
        case 'f' -> width == 4 || width == 8 ? Kind.FLOAT : null;
        case 'i' -> width == 1 || width == 2 || width == 4 || width == 8 ? Kind.SIGNED : null;
        case 'u' -> width == 1 || width == 2 || width == 4 ? Kind.UNSIGNED : null;
        case 'b' -> width == 1 ? Kind.BOOL : null;
        default -> null;
      };
      return kind == null ? null : new ElementType(kind, width, order);
    }

    double read(ByteBuffer data, int i) {
      int at = i * width;
      return switch (kind) {
        case FLOAT -> width == 4 ? data.getFloat(at) : data.getDouble(at);
        case BOOL -> data.get(at) != 0 ? 1 : 0;
        case SIGNED -> switch (width) {
          case 1 -> data.get(at);
          case 2 -> data.getShort(at);
          case 4 -> data.getInt(at);
          default -> data.getLong(at);
        };
        case UNSIGNED -> switch (width) {
          case 1 -> Byte.toUnsignedInt(data.get(at));
          case 2 -> Short.toUnsignedInt(data.getShort(at));
          default -> Integer.toUnsignedLong(data.getInt(at));
        };
      };
    }
  }

  /** The header's dict literal: string keys; values are strings, True/False, or tuples of integers. */
  private final class HeaderParser {
    private final String text;
    private int pos;

    HeaderParser(String text) {
      this.text = text;
    }

    Map<String, Object> dict() {
      Map<String, Object> fields = new HashMap<>();
      expect('{');
      while (peek() != '}') {
        String key = string();
        expect(':');
        fields.put(key, value());
        if (peek() == ',') {
          pos++;
        } else if (peek() != '}') {
          throw bad();
        }
      }
      return fields;
    }

    private Object value() {
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (c == '(') {
        pos++;
        List<Long> dims = new ArrayList<>();
        while (peek() != ')') {
          int start = pos;
          while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
          }
          if (start == pos) {
            throw bad();
          }
          dims.add(Long.parseLong(text.substring(start, pos)));
          if (peek() == ',') {
            pos++;
          } else if (peek() != ')') {
            throw bad();
          }
        }
        pos++;
        return dims.stream().mapToLong(Long::longValue).toArray();
      }
      for (String word : List.of("True", "False")) {
        if (text.startsWith(word, pos)) {
          pos += word.length();
          return word.equals("True");
        }
      }
      throw bad();
    }

    private String string() {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw bad();
      }
      int end = text.indexOf(quote, pos + 1);
      if (end < 0) {
        throw bad();
      }
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return s;
    }

    private char peek() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      if (pos >= text.length()) {
        throw bad();
      }
      return text.charAt(pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw bad();
      }
      pos++;
    }

    private DiagnosticException bad() {
      return error(ErrorCode.NPY_BAD_HEADER, "malformed header (a Python dict literal was expected): "
          + text.strip());
    }
  }
}
