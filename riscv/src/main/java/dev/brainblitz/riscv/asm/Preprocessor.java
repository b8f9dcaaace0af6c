package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.asm.LineParser.Piece;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a source file into statements: lines (LF, CRLF or CR; a leading byte-order mark is
 * skipped), comments, {@code ;}-separated statements, and GNU as's textual repetition:
 * {@code .macro NAME PARAMS ... .endm} (parameters {@code p}, {@code p=default}, {@code p:req},
 * {@code p:vararg}; {@code \p}, {@code \()} and {@code \@} in the body; {@code .exitm};
 * {@code .purgem}), {@code .rept N}, {@code .irp SYM, VALUES} and {@code .irpc SYM, CHARS} up to
 * {@code .endr}. Arguments of a macro call are separated by commas, or by spaces when there is no
 * comma. A {@code .rept} count may use {@code .equ} constants defined before it.
 *
 * <p>Expansion is bounded: {@value #MAX_DEPTH} nested expansions, {@value #MAX_STATEMENTS}
 * statements and 64 Mi characters of expanded text per file, so no input can exhaust the stack
 * or the memory.
 */
final class Preprocessor {
  static final int MAX_DEPTH = 100;
  static final int MAX_STATEMENTS = 1_000_000;
  /** Characters of statement text expansions may produce (a long line repeated a million times would not fit in memory). */
  static final long MAX_CHARACTERS = 64L << 20;

  /** Where errors go: the assembler's diagnostics. */
  interface Errors {
    void report(AsmError error, String file, String context);
  }

  private record Parameter(String name, String defaultValue, boolean required, boolean variadic) {}

  private record Macro(String name, List<Parameter> parameters, List<Piece> body) {}

  private final String file;
  private final Errors errors;
  private final List<Statement> out;
  private final int firstIndex;
  private final Map<String, Macro> macros = new HashMap<>();
  /** {@code .equ} symbols known to be constants so far, for {@code .rept} counts. */
  private final Map<String, Long> constants = new HashMap<>();
  private int expansions;
  private long characters;
  private final Map<Piece, Statement> parsed = new java.util.IdentityHashMap<>();
  private boolean tooMany;

  private Preprocessor(String file, Errors errors, List<Statement> out) {
    this.file = file;
    this.errors = errors;
    this.out = out;
    this.firstIndex = out.size();
  }

  /** Appends the statements of {@code text} (read from {@code file}) to {@code out}, indexed in order. */
  static void read(String file, String text, List<Statement> out, Errors errors) {
    var p = new Preprocessor(file, errors, out);
    p.process(lines(text), 0, null);
  }

  /** The text's statements in order: line terminators LF, CRLF and CR, a leading BOM skipped. */
  static List<Piece> lines(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<Piece> pieces = new ArrayList<>();
    int line = 1;
    int start = 0;
    for (int i = 0; i <= t.length(); i++) {
      char c = i < t.length() ? t.charAt(i) : '\n';
      if (c == '\n' || c == '\r') {
        pieces.addAll(LineParser.pieces(line, t.substring(start, i)));
        if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
        line++;
      }
    }
    return pieces;
  }

  /** Processes pieces; returns false when a {@code .exitm} ended the macro being expanded. */
  private boolean process(List<Piece> pieces, int depth, String context) {
    for (int i = 0; i < pieces.size() && !tooMany; i++) {
      Piece piece = pieces.get(i);
      characters += depth > 0 ? piece.text().length() : 0;
      if (characters > MAX_CHARACTERS) {
        tooMany = true;
        errors.report(new AsmError(ErrorCode.ASM_OUT_OF_RANGE, new Token("", piece.line(), piece.column()),
            "macros and repetitions expand to more than " + MAX_CHARACTERS + " characters"), file, context);
        return true;
      }
      Statement s = parsed.get(piece);
      try {
        if (s == null || !java.util.Objects.equals(s.context(), context)) {
          s = LineParser.parse(0, file, piece, context);
          parsed.put(piece, s); // a .rept body is parsed once, its repetitions share the tokens
        }
      } catch (AsmError e) {
        errors.report(e, file, context);
        continue;
      }
      String name = s.name() == null ? "" : s.name().text().toLowerCase(Locale.ROOT);
      try {
        switch (name) {
          case ".macro" -> {
            int end = matchingEnd(pieces, i, Block.MACRO, s);
            define(s, piece, pieces.subList(i + 1, end));
            i = end;
          }
          case ".rept", ".irp", ".irpc" -> {
            int end = matchingEnd(pieces, i, Block.REPEAT, s);
            emitLabels(s);
            repeat(s, name, pieces.subList(i + 1, end), depth, context);
            i = end;
          }
          case ".endm", ".endr" -> throw new AsmError(ErrorCode.ASM_SYNTAX, s.name(),
              "'" + s.name().text() + "' without a matching " + (name.equals(".endm") ? ".macro" : ".rept, .irp or .irpc"));
          case ".exitm" -> {
            if (depth == 0) {
              throw new AsmError(ErrorCode.ASM_SYNTAX, s.name(), "'.exitm' outside a macro");
            }
            emitLabels(s);
            return false;
          }
          case ".purgem" -> {
            Directives.expectCount(s, 1);
            if (macros.remove(s.operands().get(0).text().toLowerCase(Locale.ROOT)) == null) {
              throw new AsmError(ErrorCode.ASM_UNKNOWN_MNEMONIC, s.operands().get(0),
                  "no macro '" + s.operands().get(0).text() + "' to purge");
            }
          }
          default -> {
            Macro macro = macros.get(name);
            if (macro != null) {
              emitLabels(s);
              call(macro, s, piece, depth, context);
            } else {
              emit(s);
            }
          }
        }
      } catch (AsmError e) {
        errors.report(e, file, context);
      }
    }
    return true;
  }

  private enum Block {
    MACRO, REPEAT
  }

  /** The index of the {@code .endm} (or {@code .endr}) closing the block opened at {@code open}. */
  private int matchingEnd(List<Piece> pieces, int open, Block kind, Statement opener) {
    int nesting = 0;
    for (int j = open + 1; j < pieces.size(); j++) {
      String word = firstWord(pieces.get(j).text());
      boolean opens = kind == Block.MACRO ? word.equals(".macro") : word.equals(".rept") || word.equals(".irp") || word.equals(".irpc");
      boolean closes = word.equals(kind == Block.MACRO ? ".endm" : ".endr");
      if (opens) {
        nesting++;
      } else if (closes && nesting-- == 0) {
        return j;
      }
    }
    throw new AsmError(ErrorCode.ASM_SYNTAX, opener.name(), "'" + opener.name().text() + "' without a matching "
        + (kind == Block.MACRO ? ".endm" : ".endr"));
  }

  /** The directive or instruction name of a piece, after its labels, lower case. */
  private static String firstWord(String text) {
    int pos = 0;
    while (true) {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      int end = LineParser.identifierEnd(text, pos);
      if (end > pos && end < text.length() && text.charAt(end) == ':') {
        pos = end + 1;
      } else {
        return text.substring(pos, end).toLowerCase(Locale.ROOT);
      }
    }
  }

  private void define(Statement s, Piece piece, List<Piece> body) {
    String text = piece.text();
    int at = text.toLowerCase(Locale.ROOT).indexOf(".macro") + ".macro".length();
    String[] words = text.substring(at).strip().split("[\\s,]+");
    if (words.length == 0 || words[0].isEmpty() || LineParser.identifierEnd(words[0], 0) != words[0].length()) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, s.name(), "'.macro' needs a name");
    }
    List<Parameter> parameters = new ArrayList<>();
    for (int k = 1; k < words.length; k++) {
      String w = words[k];
      String defaultValue = null;
      int eq = w.indexOf('=');
      if (eq >= 0) {
        defaultValue = w.substring(eq + 1);
        w = w.substring(0, eq);
      }
      boolean required = w.endsWith(":req");
      boolean variadic = w.endsWith(":vararg");
      String paramName = required || variadic ? w.substring(0, w.indexOf(':')) : w;
      if (paramName.isEmpty() || LineParser.identifierEnd(paramName, 0) != paramName.length()) {
        throw new AsmError(ErrorCode.ASM_SYNTAX, s.name(), "bad macro parameter '" + Expression.shorten(words[k]) + "'");
      }
      parameters.add(new Parameter(paramName, defaultValue, required, variadic));
    }
    emitLabels(s);
    macros.put(words[0].toLowerCase(Locale.ROOT), new Macro(words[0], parameters, List.copyOf(body)));
  }

  private void repeat(Statement s, String kind, List<Piece> body, int depth, String context) {
    checkDepth(s, depth);
    String where = "in the " + kind + " at line " + s.name().line() + (context == null ? "" : ", " + context);
    if (kind.equals(".rept")) {
      Directives.expectCount(s, 1);
      long count = constant(s.operands().get(0));
      if (count < 0 || count > MAX_STATEMENTS) {
        throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, s.operands().get(0), ".rept count " + count + " is not in [0, "
            + MAX_STATEMENTS + "]");
      }
      for (long n = 0; n < count && !tooMany; n++) {
        process(body, depth + 1, where);
      }
      return;
    }
    Directives.expectAtLeast(s, 1);
    String symbol = s.operands().get(0).text();
    if (symbol.isEmpty() || LineParser.identifierEnd(symbol, 0) != symbol.length()) {
      throw new AsmError(ErrorCode.ASM_SYNTAX, s.operands().get(0), kind + " needs a symbol, then values");
    }
    List<String> values = new ArrayList<>();
    if (kind.equals(".irp")) {
      s.operands().subList(1, s.operands().size()).forEach(op -> values.add(op.text()));
    } else if (s.operands().size() > 1) {
      s.operands().get(1).text().chars().forEach(c -> values.add(String.valueOf((char) c)));
    }
    if (values.isEmpty()) {
      values.add("");
    }
    for (String value : values) {
      if (tooMany) {
        return;
      }
      process(substitute(body, Map.of(symbol, value)), depth + 1, where);
    }
  }

  private void call(Macro macro, Statement s, Piece piece, int depth, String context) {
    checkDepth(s, depth);
    Map<String, String> args = new HashMap<>();
    List<Token> ops = arguments(s);
    int positional = 0;
    for (int k = 0; k < ops.size(); k++) {
      String arg = ops.get(k).text();
      int eq = arg.indexOf('=');
      String named = eq > 0 ? arg.substring(0, eq).strip() : null;
      Parameter byName = named == null ? null
          : macro.parameters().stream().filter(p -> p.name().equals(named)).findFirst().orElse(null);
      if (byName != null) {
        args.put(byName.name(), arg.substring(eq + 1).strip());
        continue;
      }
      if (positional >= macro.parameters().size()) {
        throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, ops.get(k), "macro '" + macro.name() + "' takes "
            + macro.parameters().size() + " argument(s)");
      }
      Parameter p = macro.parameters().get(positional++);
      if (p.variadic()) {
        List<String> rest = new ArrayList<>();
        ops.subList(k, ops.size()).forEach(t -> rest.add(t.text()));
        args.put(p.name(), String.join(", ", rest));
        break;
      }
      args.put(p.name(), arg);
    }
    for (Parameter p : macro.parameters()) {
      if (!args.containsKey(p.name()) || args.get(p.name()).isEmpty() && p.defaultValue() != null) {
        if (p.required()) {
          throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, s.name(), "macro '" + macro.name() + "' needs its argument '"
              + p.name() + "'");
        }
        args.put(p.name(), p.defaultValue() == null ? "" : p.defaultValue());
      }
    }
    args.put("@", Integer.toString(expansions++));
    String where = "in macro '" + macro.name() + "' used at line " + piece.line() + (context == null ? "" : ", " + context);
    process(substitute(macro.body(), args), depth + 1, where);
  }

  /** A macro call's arguments: separated by commas, or by spaces when there is no comma. */
  private static List<Token> arguments(Statement s) {
    List<Token> ops = s.operands();
    if (ops.size() != 1) {
      return ops;
    }
    Token only = ops.get(0);
    List<Token> words = new ArrayList<>();
    int depth = 0;
    int start = -1;
    String t = only.text();
    for (int i = 0; i <= t.length(); i++) {
      char c = i < t.length() ? t.charAt(i) : ' ';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      boolean space = Character.isWhitespace(c) && depth <= 0;
      if (!space && start < 0) {
        start = i;
      } else if (space && start >= 0) {
        words.add(only.part(start, i));
        start = -1;
      }
    }
    return words;
  }

  /** The pieces with {@code \name}, {@code \()} and {@code \@} replaced. */
  private static List<Piece> substitute(List<Piece> body, Map<String, String> args) {
    List<Piece> result = new ArrayList<>(body.size());
    for (Piece piece : body) {
      String text = piece.text();
      if (text.indexOf('\\') < 0) {
        result.add(piece);
        continue;
      }
      StringBuilder b = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '\\' || i + 1 >= text.length()) {
          b.append(c);
          continue;
        }
        if (text.startsWith("()", i + 1)) {
          i += 2;
          continue;
        }
        int end = text.charAt(i + 1) == '@' ? i + 2 : LineParser.identifierEnd(text, i + 1);
        String key = text.substring(i + 1, end);
        String value = args.get(key);
        if (value == null) {
          b.append(c);
        } else {
          b.append(value);
          i = end - 1;
        }
      }
      result.add(new Piece(piece.line(), piece.column(), b.toString()));
    }
    return result;
  }

  private void checkDepth(Statement s, int depth) {
    if (depth >= MAX_DEPTH) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, s.name(), "macros and repetitions nested more than " + MAX_DEPTH
          + " deep (does a macro call itself?)");
    }
  }

  /** A {@code .rept} count: a constant, possibly from {@code .equ} symbols defined before. */
  private long constant(Token expression) {
    Expression.Value v = Expression.evaluate(expression, new Expression.Symbols() {
      @Override
      public Expression.Value lookup(Token name) {
        Long known = constants.get(name.text());
        if (known == null) {
          throw new AsmError(ErrorCode.ASM_NOT_CONSTANT, name, "'" + name.text()
              + "' is not a constant defined before this line; a .rept count must be one");
        }
        return Expression.Value.constant(known);
      }

      @Override
      public Expression.Value pcrelHi(Expression.Value target) {
        throw notConstant(expression);
      }

      @Override
      public Expression.Value pcrelLo(Token label, Expression.Value labelAddress) {
        throw notConstant(expression);
      }

      @Override
      public Expression.Value gotPcrelHi(Token symbol) {
        throw notConstant(expression);
      }
    });
    return v.value();
  }

  private static AsmError notConstant(Token expression) {
    return new AsmError(ErrorCode.ASM_NOT_CONSTANT, expression, "a .rept count must be a constant");
  }

  private void emitLabels(Statement s) {
    if (!s.labels().isEmpty()) {
      emit(new Statement(0, file, s.context(), s.labels(), null, List.of()));
    }
  }

  private void emit(Statement s) {
    if (out.size() - firstIndex >= MAX_STATEMENTS) {
      tooMany = true;
      Token where = s.name() != null ? s.name() : s.labels().isEmpty() ? new Token("", 1, 1) : s.labels().get(0);
      errors.report(new AsmError(ErrorCode.ASM_OUT_OF_RANGE, where, "the file expands to more than " + MAX_STATEMENTS
          + " statements"), file, s.context());
      return;
    }
    out.add(new Statement(out.size(), file, s.context(), s.labels(), s.name(), s.operands()));
    trackConstant(s);
  }

  private void trackConstant(Statement s) {
    if (s.name() == null || s.operands().size() != 2) {
      return;
    }
    String name = s.name().text().toLowerCase(Locale.ROOT);
    if (name.equals(".equ") || name.equals(".set") || name.equals(".equiv")) {
      String symbol = s.operands().get(0).text();
      try {
        constants.put(symbol, constant(s.operands().get(1)));
      } catch (AsmError e) {
        constants.remove(symbol);
      }
    }
  }
}
