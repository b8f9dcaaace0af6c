package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;

/**
 * GNU as expressions: integers (decimal, {@code 0x}, {@code 0b}, octal {@code 0...}), character
 * literals, symbols (also {@code 1b}/{@code 1f} and {@code .}), {@code %hi(x)} / {@code %lo(x)},
 * {@code %pcrel_hi(x)} / {@code %pcrel_lo(label)},
 * parentheses and the C operators {@code + - * / % << >> & | ^ ~}.
 */
final class Expression {
  /** A value and whether it depends on a label's address (only known after layout). */
  record Value(long value, boolean relocatable) {
    static Value constant(long value) {
      return new Value(value, false);
    }
  }

  /** Symbol values for an evaluation; throws {@link AsmError} for unknown names. */
  interface Symbols {
    Value lookup(Token name);

    /** {@code %pcrel_hi(target)}: the hi part of {@code target - pc}, remembered for this pc. */
    Value pcrelHi(Value target);

    /** {@code %pcrel_lo(label)}: the lo part of the offset remembered for the auipc at {@code label}. */
    Value pcrelLo(Token label, Value labelAddress);
  }

  private final Token source;
  private final String text;
  private final Symbols symbols;
  private int pos;

  private Expression(Token source, Symbols symbols) {
    this.source = source;
    this.text = source.text();
    this.symbols = symbols;
  }

  static Value evaluate(Token expression, Symbols symbols) {
    var parser = new Expression(expression, symbols);
    if (expression.text().isBlank()) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, expression, "expected an expression");
    }
    Value value = parser.binary(0);
    parser.skipSpace();
    if (parser.pos < parser.text.length()) {
      throw parser.error("unexpected '" + parser.text.charAt(parser.pos) + "' in expression");
    }
    return value;
  }

  /** The {@code %hi} part of a value: what lui loads so that adding {@link #lo} gives the value. */
  static long hi(long value) {
    return ((value + 0x800) >> 12) & 0xfffff;
  }

  /** The {@code %lo} part: the sign-extended low 12 bits. */
  static long lo(long value) {
    return ((value & 0xfff) ^ 0x800) - 0x800;
  }

  private static final String[][] LEVELS = {{"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};

  private Value binary(int level) {
    if (level == LEVELS.length) {
      return unary();
    }
    Value left = binary(level + 1);
    while (true) {
      skipSpace();
      String op = null;
      for (String candidate : LEVELS[level]) {
        if (text.startsWith(candidate, pos) && !(candidate.equals("%") && Character.isLetter(charAt(pos + 1)))) {
          op = candidate;
        }
      }
      if (op == null) {
        return left;
      }
      int at = pos;
      pos += op.length();
      Value right = binary(level + 1);
      left = new Value(apply(op, left.value(), right.value(), at), left.relocatable() || right.relocatable());
    }
  }

  private long apply(String op, long a, long b, int at) {
    return switch (op) {
      case "|" -> a | b;
      case "^" -> a ^ b;
      case "&" -> a & b;
      case "<<" -> a << b;
      case ">>" -> a >> b;
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      default -> {
        if (b == 0) {
          pos = at;
          throw error("division by zero");
        }
        yield op.equals("/") ? a / b : a % b;
      }
    };
  }

  private Value unary() {
    skipSpace();
    if (pos >= text.length()) {
      throw error("expression ends too early");
    }
    char c = text.charAt(pos);
    if (c == '-' || c == '~' || c == '+' || c == '!') {
      pos++;
      Value v = unary();
      long result = switch (c) {
        case '-' -> -v.value();
        case '~' -> ~v.value();
        case '!' -> v.value() == 0 ? 1 : 0;
        default -> v.value();
      };
      return new Value(result, v.relocatable());
    }
    return primary();
  }

  private Value primary() {
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Value v = binary(0);
      expect(')');
      return v;
    }
    if (text.startsWith("%pcrel_hi(", pos) || text.startsWith("%pcrel_lo(", pos)) {
      boolean high = text.startsWith("%pcrel_hi(", pos);
      pos += "%pcrel_hi(".length();
      int start = pos;
      Value v = binary(0);
      Token inner = source.part(start, pos);
      expect(')');
      return high ? symbols.pcrelHi(v) : symbols.pcrelLo(inner, v);
    }
    if (text.startsWith("%hi(", pos) || text.startsWith("%lo(", pos)) {
      boolean high = text.charAt(pos + 1) == 'h';
      pos += 4;
      Value v = binary(0);
      expect(')');
      return new Value(high ? hi(v.value()) : lo(v.value()), v.relocatable());
    }
    if (c == '\'') {
      return character();
    }
    if (Character.isDigit(c)) {
      int end = LineParser.identifierEnd(text, pos);
      String word = text.substring(pos, end);
      if (word.matches("\\d+[bf]")) {
        pos = end;
        return symbols.lookup(source.part(pos - word.length(), pos));
      }
      pos = end;
      return Value.constant(number(word, end - word.length()));
    }
    int end = LineParser.identifierEnd(text, pos);
    if (end == pos) {
      throw error("unexpected '" + c + "' in expression");
    }
    Token name = source.part(pos, end);
    pos = end;
    return symbols.lookup(name);
  }

  private Value character() {
    int start = pos;
    pos++;
    if (pos >= text.length()) {
      throw error("unterminated character literal");
    }
    long value;
    if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
      value = switch (text.charAt(pos + 1)) {
        case 'n' -> '\n';
        case 't' -> '\t';
        case 'r' -> '\r';
        case '0' -> 0;
        default -> text.charAt(pos + 1);
      };
      pos += 2;
    } else {
      value = text.charAt(pos);
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '\'') {
      pos++;
    } else if (pos - start != 2) {
      throw error("unterminated character literal");
    }
    return Value.constant(value);
  }

  private long number(String word, int at) {
    try {
      String lower = word.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("0x")) {
        return Long.parseUnsignedLong(lower.substring(2), 16);
      }
      if (lower.startsWith("0b")) {
        return Long.parseUnsignedLong(lower.substring(2), 2);
      }
      if (lower.length() > 1 && lower.startsWith("0")) {
        return Long.parseLong(lower.substring(1), 8);
      }
      return Long.parseLong(lower);
    } catch (NumberFormatException e) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, source.part(at, at + word.length()), "malformed number '" + word + "'");
    }
  }

  private char charAt(int i) {
    return i < text.length() ? text.charAt(i) : 0;
  }

  private void expect(char c) {
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private AsmError error(String message) {
    int at = Math.min(pos, text.length());
    return new AsmError(ErrorCode.ASM_SYNTAX, source.part(at, Math.min(text.length(), at + 1)), message);
  }
}
