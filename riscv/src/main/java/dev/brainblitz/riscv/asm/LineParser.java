package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits GNU as source lines: comments ({@code #} and {@code //} to end of line), labels
 * ({@code name:} and numeric {@code 1:}), a name and operands separated by top-level commas.
 * {@code name = expr} is read as {@code .equ name, expr}.
 */
final class LineParser {
  private LineParser() {}

  static Statement parse(int index, int lineNumber, String line) {
    String text = stripComment(line);
    List<Token> labels = new ArrayList<>();
    int pos = skipSpace(text, 0);
    while (true) {
      int end = identifierEnd(text, pos);
      if (end > pos && end < text.length() && text.charAt(end) == ':') {
        labels.add(new Token(text.substring(pos, end), lineNumber, pos + 1));
        pos = skipSpace(text, end + 1);
      } else {
        break;
      }
    }
    if (pos >= text.length()) {
      return new Statement(index, labels, null, List.of());
    }
    int nameEnd = identifierEnd(text, pos);
    if (nameEnd == pos) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, new Token(text.substring(pos, pos + 1), lineNumber, pos + 1),
          "expected a label, an instruction or a directive");
    }
    Token name = new Token(text.substring(pos, nameEnd), lineNumber, pos + 1);
    int rest = skipSpace(text, nameEnd);
    if (rest < text.length() && text.charAt(rest) == '=' && !text.startsWith("==", rest)) {
      Token value = new Token(text.substring(rest + 1), lineNumber, rest + 2).from(0);
      return new Statement(index, labels, new Token(".equ", lineNumber, rest + 1), List.of(name, value));
    }
    return new Statement(index, labels, name, splitOperands(text, rest, lineNumber));
  }

  private static List<Token> splitOperands(String text, int start, int lineNumber) {
    List<Token> operands = new ArrayList<>();
    if (start >= text.length()) {
      return operands;
    }
    int depth = 0;
    boolean quoted = false;
    int from = start;
    for (int i = start; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (quoted) {
        if (c == '\\') {
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
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && (depth == 0 || i == text.length())) {
        Token operand = new Token(text.substring(from, i), lineNumber, from + 1).from(0);
        if (operand.text().isEmpty()) {
          throw new AsmError(ErrorCode.ASM_SYNTAX, new Token(",", lineNumber, Math.min(i, text.length()) + 1),
              "empty operand");
        }
        operands.add(operand);
        from = i + 1;
      }
    }
    return operands;
  }

  /** The line without its comment; {@code #} and {@code //} inside strings and character literals are kept. */
  static String stripComment(String line) {
    boolean quoted = false;
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
        return line.substring(0, i);
      }
    }
    return line;
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
