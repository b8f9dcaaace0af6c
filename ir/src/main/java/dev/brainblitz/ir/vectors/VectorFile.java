package dev.brainblitz.ir.vectors;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.diag.SourceTexts;
import java.util.ArrayList;
import java.util.List;

/**
 * The vectors file ({@code .vec}): input vectors for a network, one per line. Blank lines (also
 * lines of nothing but separators) and comments ({@code #} to end of line) are ignored.
 *
 * <ul>
 *   <li>u8 input: the elements as decimal numbers 0..255, separated by spaces or commas;
 *   <li>bipolar input: the packed 32-bit words as {@code 0x} hex literals, word 0 first, exactly
 *       as weight rows are written in a model file (element i is bit i mod 32 of word i / 32;
 *       unused high bits of the last word must be 0).
 * </ul>
 */
public final class VectorFile {
  private VectorFile() {}

  /** Parses every vector of {@code text}, checking it against the network's input. */
  public static List<InputVector> read(String fileName, String text, Node.Input input) {
    var diagnostics = new Diagnostics(SourceTexts.of(fileName, text));
    List<InputVector> vectors = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int index = 0; index < lines.length; index++) {
      String line = lines[index];
      int comment = line.indexOf('#');
      String content = comment >= 0 ? line.substring(0, comment) : line;
      List<Field> fields = fields(content, index + 1);
      if (fields.isEmpty()) {
        continue; // blank, a comment, or nothing but separators
      }
      var vector = input.kind() == InputKind.U8
          ? parseBytes(fileName, fields, index + 1, input, diagnostics)
          : parseWords(fileName, fields, index + 1, input, diagnostics);
      if (vector != null) {
        vectors.add(vector);
      }
      if (diagnostics.errors().size() >= 20) {
        break;
      }
    }
    if (vectors.isEmpty() && !diagnostics.hasErrors()) {
      diagnostics.error(ErrorCode.VECTOR_EMPTY, SourceSpan.wholeFile(fileName), "'" + fileName + "' holds no vectors");
    }
    diagnostics.throwIfAny();
    return vectors;
  }

  /** One vector per line, in the format {@link #read} accepts. */
  public static String write(List<InputVector> vectors) {
    StringBuilder out = new StringBuilder();
    for (InputVector vector : vectors) {
      if (vector.kind() == InputKind.U8) {
        for (int i = 0; i < vector.size(); i++) {
          out.append(i == 0 ? "" : " ").append(vector.element(i));
        }
      } else {
        int[] words = vector.packedWords();
        for (int w = 0; w < words.length; w++) {
          out.append(w == 0 ? "" : " ").append(String.format("0x%08x", words[w]));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private record Field(String text, int column) {}

  private static List<Field> fields(String content, int line) {
    List<Field> fields = new ArrayList<>();
    int i = 0;
    while (i < content.length()) {
      char c = content.charAt(i);
      if (Character.isWhitespace(c) || c == ',') {
        i++;
        continue;
      }
      int start = i;
      while (i < content.length() && !Character.isWhitespace(content.charAt(i)) && content.charAt(i) != ',') {
        i++;
      }
      fields.add(new Field(content.substring(start, i), start + 1));
    }
    return fields;
  }

  /** Where a wrong-length vector goes wrong: its first surplus field, or its last when it is short. */
  private static Field firstSurplusOrLast(List<Field> fields, int expected) {
    return fields.size() > expected ? fields.get(expected) : fields.get(fields.size() - 1);
  }

  private static SourceSpan span(String fileName, int line, Field field) {
    return SourceSpan.of(fileName, line, field.column(), field.text().length());
  }

  private static InputVector parseBytes(String fileName, List<Field> fields, int line, Node.Input input, Diagnostics diagnostics) {
    if (fields.size() != input.size()) {
      diagnostics.error(ErrorCode.VECTOR_LENGTH, span(fileName, line, firstSurplusOrLast(fields, input.size())),
          "vector on line " + line + " has " + fields.size() + " elements; input '" + input.name() + "' takes " + input.size());
      return null;
    }
    int[] elements = new int[fields.size()];
    boolean ok = true;
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      if (!field.text().matches("[+-]?[0-9]{1,10}")) {
        diagnostics.error(ErrorCode.VECTOR_SYNTAX, span(fileName, line, field),
            "element " + i + " '" + field.text() + "' is not a decimal number");
        ok = false;
        continue;
      }
      long value = Long.parseLong(field.text());
      if (value < 0 || value > 255) {
        diagnostics.error(ErrorCode.VECTOR_ELEMENT_RANGE, span(fileName, line, field),
            "element " + i + " = " + value + " is outside [0, 255] for u8 input");
        ok = false;
        continue;
      }
      elements[i] = (int) value;
    }
    return ok ? InputVector.of(InputKind.U8, elements) : null;
  }

  private static InputVector parseWords(String fileName, List<Field> fields, int line, Node.Input input, Diagnostics diagnostics) {
    int expected = BitMatrix.wordsFor(input.size());
    if (fields.size() != expected) {
      diagnostics.error(ErrorCode.VECTOR_LENGTH, span(fileName, line, firstSurplusOrLast(fields, expected)),
          "vector on line " + line + " has " + fields.size() + " words; " + input.size()
              + " bipolar elements of input '" + input.name() + "' need " + expected);
      return null;
    }
    int[] words = new int[expected];
    for (int w = 0; w < expected; w++) {
      Field field = fields.get(w);
      if (!field.text().matches("0[xX][0-9a-fA-F]{1,8}")) {
        diagnostics.error(ErrorCode.VECTOR_SYNTAX, span(fileName, line, field),
            "word " + w + " '" + field.text() + "' is not a 32-bit hex literal (0x followed by 1 to 8 hex digits)");
        return null;
      }
      words[w] = Integer.parseUnsignedInt(field.text().substring(2), 16);
    }
    int mask = BitMatrix.lastWordMask(input.size());
    if ((words[expected - 1] & ~mask) != 0) {
      diagnostics.error(ErrorCode.VECTOR_ELEMENT_RANGE, span(fileName, line, fields.get(expected - 1)),
          String.format("bits above element %d are set in the last word (0x%08x, allowed mask 0x%08x)",
              input.size() - 1, words[expected - 1], mask));
      return null;
    }
    return InputVector.fromPackedWords(input.size(), words);
  }
}
