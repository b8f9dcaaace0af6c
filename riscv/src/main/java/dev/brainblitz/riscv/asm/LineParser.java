package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits GNU as source: lines into statements (comments from {@code #} or {@code //} to the end of
 * the line, {@code ;} between statements), and a statement into its labels ({@code name:} and
 * numeric {@code 1:}), a name and operands separated by top-level commas (an operand may be empty,
 * as in {@code .p2align 4,,15}). {@code name = expr} is read as {@code .set name, expr}.
 */
final class LineParser {
  private LineParser() {}

  /** A statement's text and where it starts: its 1-based line and the column of its first character. */
  record Piece(int line, int column, String text) {}

  /**
   * The statements of one line: split at {@code ;}, up to the comment ({@code #} or {@code //});
   * both are ordinary characters inside strings and character literals.
   */
  static List<Piece> pieces(int lineNumber, String line) {
    List<Piece> pieces = new ArrayList<>();
    int from = 0;
    boolean quoted = false;
    int end = line.length();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '\'') {
        i += i + 1 < line.length() && line.charAt(i + 1) == '\\' ? 2 : 1;
      } else if (c == '#' || c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
        end = i;
        break;
      } else if (c == ';') {
        pieces.add(new Piece(lineNumber, from + 1, line.substring(from, i)));
        from = i + 1;
      }
    }
    pieces.add(new Piece(lineNumber, from + 1, line.substring(from, Math.max(from, end))));
    return pieces;
  }

  static Statement parse(int index, String file, Piece piece, String context) {
    String text = piece.text();
    int line = piece.line();
    int column = piece.column();
    List<Token> labels = new ArrayList<>();
    int pos = skipSpace(text, 0);
    while (true) {
      int end = identifierEnd(text, pos);
      if (end > pos && end < text.length() && text.charAt(end) == ':') {
        labels.add(new Token(text.substring(pos, end), line, column + pos));
        pos = skipSpace(text, end + 1);
      } else {
        break;
      }
    }
    if (pos >= text.length()) {
      return new Statement(index, file, context, labels, null, List.of());
    }
    int nameEnd = identifierEnd(text, pos);
    if (nameEnd == pos) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, new Token(text.substring(pos, pos + 1), line, column + pos),
          "expected a label, an instruction or a directive");
    }
    Token name = new Token(text.substring(pos, nameEnd), line, column + pos);
    int rest = skipSpace(text, nameEnd);
    if (rest < text.length() && text.charAt(rest) == '=' && !text.startsWith("==", rest)) {
      Token value = new Token(text.substring(rest + 1), line, column + rest + 1).from(0);
      return new Statement(index, file, context, labels, new Token(".set", line, column + rest), List.of(name, value));
    }
    return new Statement(index, file, context, labels, name, splitOperands(text, rest, line, column));
  }

  private static List<Token> splitOperands(String text, int start, int lineNumber, int column) {
    List<Token> operands = new ArrayList<>();
    if (start >= text.length()) {
      return operands;
    }
    int depth = 0;
    boolean quoted = false;
    int from = start;
    for (int i = start; i <= text.length(); i++) {
      boolean atEnd = i >= text.length();
      char c = atEnd ? ',' : text.charAt(i);
      if (quoted && !atEnd) {
        if (c == '\\' && i + 1 < text.length()) {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      if (c == '"') {
        quoted = true;
      } else if (c == '\'' && i + 1 < text.length()) {
        i += text.charAt(i + 1) == '\\' ? 2 : 1;
        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          i++;
        }
        i = Math.min(i, text.length() - 1);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && (depth <= 0 || atEnd)) {
        int end = Math.min(i, text.length());
        operands.add(new Token(text.substring(from, end), lineNumber, column + from).from(0));
        from = i + 1;
      }
    }
    return operands;
  }

  static int identifierEnd(String text, int pos) {
    int i = pos;
    while (i < text.length() && isIdentifierChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
  }

  private static int skipSpace(String text, int pos) {
    int i = pos;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
