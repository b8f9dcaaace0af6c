package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;
import java.util.Locale;

/**
 * GNU as expressions, evaluated the way GNU as 2.40 evaluates them: in 64 bits, with its operator
 * ranks (which are not C's: {@code | ^ & !} bind tighter than {@code + -}), shifts by 64 or more
 * giving 0, {@code >>} shifting in zeros, comparisons giving -1 for true and {@code && || !} giving
 * 1. Operands: integers (decimal, {@code 0x}, {@code 0b}, octal {@code 0...}), character literals,
 * symbols (also {@code 1b}/{@code 1f} and {@code .}), parentheses, {@code %hi(x)} / {@code %lo(x)},
 * {@code %pcrel_hi(x)} / {@code %pcrel_lo(label)} and {@code %got_pcrel_hi(x)}.
 *
 * <p>Ranks, lowest first: {@code ||}; {@code &&}; {@code == != <> < <= > >=}; {@code + -};
 * {@code | ^ & ! !!} (binary {@code !} is or-not, {@code !!} exclusive or); {@code * / % << >>};
 * unary {@code - ~ ! +}. Blanks between the characters of an operator do not split it.
 * Nesting is limited to {@value #MAX_NESTING} parentheses so that no input can exhaust the stack.
 */
final class Expression {
  static final int MAX_NESTING = 200;

  /** Whether a value is a plain number, depends on an address, or names a symbol not placed yet. */
  enum Dependence {
    /** A number known before layout. */
    CONSTANT,
    /**
     * Depends on where a section is placed. With {@link Value#section} set it is that section's start
     * plus a known offset (so two of them in one section subtract to a constant).
     */
    ADDRESS,
    /** Refers to a symbol the current sizing pass has not placed yet: its number is a guess of 0. */
    UNPLACED
  }

  /**
   * A value: a 64-bit number and what it depends on. While sizing, the number of an address is its
   * offset in its section; once laid out, the address itself.
   */
  record Value(long value, Dependence dependence, InputSection section) {
    static Value constant(long value) {
      return new Value(value, Dependence.CONSTANT, null);
    }

    static Value address(long value, InputSection section) {
      return new Value(value, Dependence.ADDRESS, section);
    }

    static Value unplaced() {
      return new Value(0, Dependence.UNPLACED, null);
    }

    boolean isConstant() {
      return dependence == Dependence.CONSTANT;
    }

    /** The same dependence with another number (for operations that keep it, such as {@code %hi}). */
    Value with(long number) {
      return new Value(number, dependence, dependence == Dependence.ADDRESS ? null : section);
    }
  }

  /** Symbol values for an evaluation; throws {@link AsmError} for unknown names. */
  interface Symbols {
    Value lookup(Token name);

    /** {@code %pcrel_hi(target)}: the hi part of {@code target - pc}, remembered for this pc. */
    Value pcrelHi(Value target);

    /** {@code %pcrel_lo(label)}: the lo part of the offset remembered for the auipc at {@code label}. */
    Value pcrelLo(Token label, Value labelAddress);

    /** {@code %got_pcrel_hi(symbol)}: the hi part of the offset from pc to the symbol's GOT slot. */
    Value gotPcrelHi(Token symbol);
  }

  private final Token source;
  private final String text;
  private final Symbols symbols;
  private int pos;
  private int nesting;

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
    Value value = parser.binary(1);
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

  /** A binary operator: its spelling and GNU as's rank. Longer spellings come first. */
  private enum Operator {
    OR_OR("||", 2), AND_AND("&&", 3), EQ("==", 4), NE("!=", 4), NE2("<>", 4), LE("<=", 4), GE(">=", 4), XOR2("!!", 7),
    SHL("<<", 8), SHR(">>", 8), LT("<", 4), GT(">", 4), ADD("+", 5), SUB("-", 5), OR("|", 7), XOR("^", 7),
    AND("&", 7), OR_NOT("!", 7), MUL("*", 8), DIV("/", 8), MOD("%", 8);

    final String spelling;
    final int rank;

    Operator(String spelling, int rank) {
      this.spelling = spelling;
      this.rank = rank;
    }
  }

  private static final Operator[] OPERATORS = Operator.values();

  /** Operands joined by operators of rank {@code minRank} or higher, left to right (precedence climbing). */
  private Value binary(int minRank) {
    Value left = unary();
    while (true) {
      skipSpace();
      Operator op = operatorAt(pos);
      if (op == null || op.rank < minRank) {
        return left;
      }
      int at = pos;
      pos = operatorEnd;
      Value right = binary(op.rank + 1);
      left = apply(op, left, right, at);
    }
  }

  /**
   * The binary operator at {@code at}. As in GNU as, whose input scrubber drops the blanks between
   * operator characters, {@code < <} is {@code <<} and {@code ! !} is {@code !!} (exclusive or).
   */
  private Operator operatorAt(int at) {
    int second = at + 1;
    while (second < text.length() && (text.charAt(second) == ' ' || text.charAt(second) == '\t')) {
      second++;
    }
    for (Operator op : OPERATORS) {
      boolean matches = op.spelling.length() == 1 ? text.startsWith(op.spelling, at)
          : at < text.length() && second < text.length() && text.charAt(at) == op.spelling.charAt(0)
              && text.charAt(second) == op.spelling.charAt(1);
      if (matches) {
        if (op == Operator.MOD && isRelocationFunction(at)) {
          return null;
        }
        operatorEnd = op.spelling.length() == 1 ? at + 1 : second + 1;
        return op;
      }
    }
    return null;
  }

  /** Where the operator {@link #operatorAt} found ends. */
  private int operatorEnd;

  private Value apply(Operator op, Value left, Value right, int at) {
    long a = left.value();
    long b = right.value();
    long result = switch (op) {
      case OR_OR -> a != 0 || b != 0 ? 1 : 0;
      case AND_AND -> a != 0 && b != 0 ? 1 : 0;
      case EQ -> a == b ? -1 : 0;
      case NE, NE2 -> a != b ? -1 : 0;
      case LT -> a < b ? -1 : 0;
      case LE -> a <= b ? -1 : 0;
      case GT -> a > b ? -1 : 0;
      case GE -> a >= b ? -1 : 0;
      case SHL -> Long.compareUnsigned(b, 64) >= 0 ? 0 : a << b;
      case SHR -> Long.compareUnsigned(b, 64) >= 0 ? 0 : a >>> b;
      case ADD -> a + b;
      case SUB -> a - b;
      case OR -> a | b;
      case XOR, XOR2 -> a ^ b;
      case AND -> a & b;
      case OR_NOT -> a | ~b;
      case MUL -> a * b;
      case DIV, MOD -> {
        if (b == 0 && right.dependence() != Dependence.UNPLACED) {
          pos = at;
          throw error("division by zero");
        }
        if (b == 0) {
          yield 0; // a guess while sizing; the final pass sees the real divisor
        }
        yield op == Operator.DIV ? a / b : a % b;
      }
    };
    return new Value(result, combined(op, left, right), sectionOf(op, left, right));
  }

  /** GNU's rules for addresses: address +- constant stays an address; two addresses of one section subtract to a constant. */
  private static Dependence combined(Operator op, Value left, Value right) {
    if (left.dependence() == Dependence.UNPLACED || right.dependence() == Dependence.UNPLACED) {
      return Dependence.UNPLACED;
    }
    if (left.isConstant() && right.isConstant()) {
      return Dependence.CONSTANT;
    }
    if (op == Operator.SUB && sameSection(left, right)) {
      return Dependence.CONSTANT;
    }
    return Dependence.ADDRESS;
  }

  private static boolean sameSection(Value left, Value right) {
    return left.dependence() == Dependence.ADDRESS && right.dependence() == Dependence.ADDRESS
        && left.section() != null && left.section() == right.section();
  }

  private static InputSection sectionOf(Operator op, Value left, Value right) {
    boolean leftAddress = left.dependence() == Dependence.ADDRESS;
    boolean rightAddress = right.dependence() == Dependence.ADDRESS;
    if (op == Operator.ADD && leftAddress != rightAddress && (left.isConstant() || right.isConstant())) {
      return leftAddress ? left.section() : right.section();
    }
    if (op == Operator.SUB && leftAddress && right.isConstant()) {
      return left.section();
    }
    return null;
  }

  /** Prefix operators, applied innermost first; a loop, so thousands of {@code ~} cost no stack. */
  private Value unary() {
    StringBuilder prefixes = new StringBuilder();
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        throw error("expression ends too early");
      }
      char c = text.charAt(pos);
      if (c == '-' || c == '~' || c == '+' || c == '!') {
        prefixes.append(c);
        pos++;
      } else {
        break;
      }
    }
    Value v = primary();
    for (int i = prefixes.length() - 1; i >= 0; i--) {
      long n = v.value();
      long result = switch (prefixes.charAt(i)) {
        case '-' -> -n;
        case '~' -> ~n;
        case '!' -> n == 0 ? 1 : 0;
        default -> n;
      };
      v = prefixes.charAt(i) == '+' ? v : new Value(result, v.isConstant() ? Dependence.CONSTANT
          : v.dependence() == Dependence.UNPLACED ? Dependence.UNPLACED : Dependence.ADDRESS, null);
    }
    return v;
  }

  private static final String[] RELOCATION_FUNCTIONS = {"%pcrel_hi(", "%pcrel_lo(", "%got_pcrel_hi(", "%hi(", "%lo("};

  private boolean isRelocationFunction(int at) {
    for (String f : RELOCATION_FUNCTIONS) {
      if (text.regionMatches(true, at, f, 0, f.length())) {
        return true;
      }
    }
    return false;
  }

  private Value primary() {
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Value v = nested();
      expect(')');
      return v;
    }
    if (c == '%') {
      return relocationFunction();
    }
    if (c == '\'') {
      return character();
    }
    if (Character.isDigit(c)) {
      int end = LineParser.identifierEnd(text, pos);
      String word = text.substring(pos, end);
      int start = pos;
      pos = end;
      if (isLocalLabelReference(word)) {
        return symbols.lookup(source.part(start, end));
      }
      return Value.constant(number(word, start));
    }
    int end = LineParser.identifierEnd(text, pos);
    if (end == pos) {
      throw error("unexpected '" + c + "' in expression");
    }
    Token name = source.part(pos, end);
    pos = end;
    return symbols.lookup(name);
  }

  private Value nested() {
    if (++nesting > MAX_NESTING) {
      throw error("expression nested more than " + MAX_NESTING + " levels deep");
    }
    Value v = binary(1);
    nesting--;
    return v;
  }

  private Value relocationFunction() {
    for (String f : RELOCATION_FUNCTIONS) {
      if (text.regionMatches(true, pos, f, 0, f.length())) {
        pos += f.length();
        int start = pos;
        Value v = nested();
        Token inner = source.part(start, pos).from(0);
        expect(')');
        return switch (f.toLowerCase(Locale.ROOT)) {
          case "%pcrel_hi(" -> symbols.pcrelHi(v);
          case "%pcrel_lo(" -> symbols.pcrelLo(inner, v);
          case "%got_pcrel_hi(" -> symbols.gotPcrelHi(inner);
          case "%hi(" -> v.with(hi(v.value()));
          default -> v.with(lo(v.value()));
        };
      }
    }
    throw error("unknown relocation function (known: %hi, %lo, %pcrel_hi, %pcrel_lo, %got_pcrel_hi)");
  }

  /** {@code 1b} or {@code 1f}: a reference to the nearest numeric label {@code 1:} before or after. */
  static boolean isLocalLabelReference(String word) {
    int n = word.length();
    if (n < 2 || (word.charAt(n - 1) != 'b' && word.charAt(n - 1) != 'f')) {
      return false;
    }
    for (int i = 0; i < n - 1; i++) {
      if (!Character.isDigit(word.charAt(i))) {
        return false;
      }
    }
    return true;
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
        case 'b' -> '\b';
        case 'f' -> '\f';
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

  /** A decimal, hex ({@code 0x}), binary ({@code 0b}) or octal ({@code 0...}) number of up to 64 bits. */
  private long number(String word, int at) {
    try {
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.startsWith("0x")) {
        return Long.parseUnsignedLong(lower.substring(2), 16);
      }
      if (lower.startsWith("0b")) {
        return Long.parseUnsignedLong(lower.substring(2), 2);
      }
      if (lower.length() > 1 && lower.startsWith("0")) {
        return Long.parseUnsignedLong(lower.substring(1), 8);
      }
      return Long.parseUnsignedLong(lower);
    } catch (NumberFormatException e) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, source.part(at, at + word.length()),
          "malformed number '" + shorten(word) + "' (numbers have at most 64 bits)");
    }
  }

  static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
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
