package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.diag.Diagnostics;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.diag.SourceTexts;
import dev.brainblitz.riscv.asm.Expression.Value;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Assembles GNU as source for RV32IM + Zicsr + Zbb + XBNN into a linked {@link Program}
 * (docs/asm.md lists the syntax). Two passes over the same code: the first sizes every statement
 * and places labels, the memory map then fixes section addresses, the second encodes. Errors are
 * collected and thrown together as a {@link dev.brainblitz.ir.diag.DiagnosticException}.
 */
public final class Assembler {
  private final String file;
  private final Diagnostics diagnostics;
  private final MemoryMap memoryMap;
  private final List<Statement> statements = new ArrayList<>();

  private final Map<String, Label> labels = new LinkedHashMap<>();
  private final Map<String, Equate> equates = new LinkedHashMap<>();
  /** Where each {@code .equ}/{@code .set} statement stands (by statement index), placed in the first pass. */
  private final Map<Integer, Label> equateLocations = new HashMap<>();
  /** The address {@code .} means while an equate's expression is evaluated: where its definition stands. */
  private Value dot;
  private final Map<String, List<LocalLabel>> localLabels = new HashMap<>();
  private final Set<String> globals = new HashSet<>();
  private final Set<String> evaluating = new HashSet<>();
  /** Bytes each statement took in the first pass (-1: it switched sections; -2: it failed). */
  private final Map<Integer, Integer> sizes = new HashMap<>();

  private final EnumMap<SectionKind, Integer> base = new EnumMap<>(SectionKind.class);
  private final EnumMap<SectionKind, Integer> alignment = new EnumMap<>(SectionKind.class);
  private final EnumMap<SectionKind, Integer> offset = new EnumMap<>(SectionKind.class);
  private final EnumMap<SectionKind, ByteArrayOutputStream> contents = new EnumMap<>(SectionKind.class);
  private SectionKind current;
  private final java.util.ArrayDeque<SectionKind> sectionStack = new java.util.ArrayDeque<>();
  private boolean encoding;
  private Statement statement;

  private record Label(SectionKind section, int offset, Token definition) {}

  private record LocalLabel(int statementIndex, SectionKind section, int offset) {}

  /** {@code .equ NAME, expression}: {@code .} in the expression is the address of the statement. */
  private record Equate(Token expression, int statementIndex) {}

  private Assembler(String file, String text, MemoryMap memoryMap) {
    this.file = file;
    this.diagnostics = new Diagnostics(SourceTexts.of(file, text));
    this.memoryMap = memoryMap;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      try {
        statements.add(LineParser.parse(statements.size(), i + 1, lines[i]));
      } catch (AsmError e) {
        report(e);
      }
    }
  }

  /** Assembles and links {@code text} (read from {@code file}, named in diagnostics). */
  public static Program assemble(String file, String text, MemoryMap memoryMap) {
    return new Assembler(file, text, memoryMap).run();
  }

  public static Program assemble(String file, String text) {
    return assemble(file, text, MemoryMap.DEFAULT);
  }

  private Program run() {
    collectEquates();
    pass(false);
    layout();
    pass(true);
    diagnostics.throwIfAny();
    statement = null;
    Program program = program();
    diagnostics.throwIfAny();
    return program;
  }

  private void collectEquates() {
    for (Statement s : statements) {
      if (s.name() != null && isEquate(s.name().text()) && !s.operands().isEmpty()) {
        Token name = s.operands().get(0);
        if (equates.containsKey(name.text())) {
          report(new AsmError(ErrorCode.ASM_DUPLICATE_SYMBOL, name, "'" + name.text() + "' is already defined"));
        } else {
          equates.put(name.text(), new Equate(s.operands().size() > 1 ? s.operands().get(1) : name, s.index()));
        }
      }
    }
  }

  private static boolean isEquate(String directive) {
    String d = directive.toLowerCase(Locale.ROOT);
    return d.equals(".equ") || d.equals(".set") || d.equals(".equiv");
  }

  private void pass(boolean encode) {
    encoding = encode;
    current = SectionKind.TEXT;
    sectionStack.clear();
    for (SectionKind kind : SectionKind.values()) {
      offset.put(kind, 0);
      contents.put(kind, new ByteArrayOutputStream());
      alignment.putIfAbsent(kind, 4);
    }
    for (Statement s : statements) {
      statement = s;
      SectionKind before = current;
      int start = offset.get(current);
      boolean failed = false;
      try {
        if (!encode) {
          defineLabels(s);
          if (s.name() != null && isEquate(s.name().text())) {
            equateLocations.put(s.index(), new Label(current, offset.get(current), s.name()));
          }
        }
        if (s.name() != null) {
          String name = s.name().text().toLowerCase(Locale.ROOT);
          if (name.startsWith(".")) {
            Directives.apply(this, name, s);
          } else {
            InstructionAssembler.apply(this, name, s);
          }
        }
      } catch (AsmError e) {
        failed = true;
        if (encode) {
          report(e);
        }
      }
      int size = current == before ? offset.get(current) - start : -1;
      if (!encode) {
        sizes.put(s.index(), failed ? -2 : size);
      } else if (!failed && sizes.get(s.index()) != size) {
        // Labels after this statement were placed with the first pass's size: a bug, not a user error.
        throw new IllegalStateException("line " + (s.name() == null ? "?" : s.name().line()) + ": statement took "
            + sizes.get(s.index()) + " bytes in the first pass and " + size + " in the second");
      }
    }
    statement = null;
    padSectionEnds();
  }

  /** Like GNU as, rounds the size of .text up to its alignment with nops. */
  private void padSectionEnds() {
    int size = offset.get(SectionKind.TEXT);
    int align = alignment.get(SectionKind.TEXT);
    if (size % align != 0) {
      current = SectionKind.TEXT;
      Directives.padTo(this, align, null, new Token("", 1, 1));
    }
  }

  private void defineLabels(Statement s) {
    for (Token label : s.labels()) {
      String name = label.text();
      if (name.chars().allMatch(Character::isDigit)) {
        localLabels.computeIfAbsent(name, k -> new ArrayList<>())
            .add(new LocalLabel(s.index(), current, offset.get(current)));
      } else if (labels.containsKey(name) || equates.containsKey(name)) {
        report(new AsmError(ErrorCode.ASM_DUPLICATE_SYMBOL, label, "'" + name + "' is already defined"));
      } else {
        labels.put(name, new Label(current, offset.get(current), label));
      }
    }
  }

  /** The linker step: sections in memory-map order, each aligned. */
  private void layout() {
    long address = Integer.toUnsignedLong(memoryMap.textBase());
    for (SectionKind kind : SectionKind.values()) {
      int align = alignment.get(kind);
      address = (address + align - 1) / align * align;
      base.put(kind, (int) address);
      address += offset.get(kind);
    }
    if (address > 0x1_0000_0000L) {
      report(new AsmError(ErrorCode.ASM_OUT_OF_RANGE, new Token("", 1, 1),
          "the program does not fit below 4 GiB at text base 0x" + Integer.toHexString(memoryMap.textBase())));
    }
  }

  private Program program() {
    List<Section> sections = new ArrayList<>();
    for (SectionKind kind : SectionKind.values()) {
      int size = offset.get(kind);
      if (size > 0 || kind == SectionKind.TEXT) {
        sections.add(new Section(kind, base.get(kind), size, alignment.get(kind), contents.get(kind).toByteArray()));
      }
    }
    List<Symbol> symbols = new ArrayList<>();
    for (var entry : labels.entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(".L")) {
        Label label = entry.getValue();
        symbols.add(new Symbol(name, base.get(label.section()) + label.offset(), label.section(), globals.contains(name)));
      }
    }
    for (var entry : equates.entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(".L")) {
        symbols.add(new Symbol(name, (int) evaluateEquate(entry.getValue()).value(), null, globals.contains(name)));
      }
    }
    Label start = labels.get("_start");
    int entry = start == null ? memoryMap.textBase() : base.get(start.section()) + start.offset();
    return new Program(sections, symbols, entry);
  }

  // ---- services for the directive and instruction assemblers ----

  boolean encoding() {
    return encoding;
  }

  Statement statement() {
    return statement;
  }

  SectionKind section() {
    return current;
  }

  void switchTo(SectionKind kind) {
    current = kind;
  }

  void pushSection(SectionKind kind) {
    sectionStack.push(current);
    current = kind;
  }

  /** Returns to the section before the last {@link #pushSection}; false if there is none. */
  boolean popSection() {
    if (sectionStack.isEmpty()) {
      return false;
    }
    current = sectionStack.pop();
    return true;
  }

  void markGlobal(String name) {
    globals.add(name);
  }

  void alignSection(int bytes) {
    alignment.merge(current, bytes, Math::max);
  }

  /** The address of the next byte of the current section (meaningful while encoding). */
  int pc() {
    return (encoding ? base.get(current) : 0) + offset.get(current);
  }

  int sectionOffset() {
    return offset.get(current);
  }

  /** Appends bytes (or, in .bss, reserves them; only zeros are allowed there). */
  void emit(byte[] bytes, Token where) {
    if (current == SectionKind.BSS) {
      for (byte b : bytes) {
        if (b != 0) {
          throw new AsmError(ErrorCode.ASM_BAD_SECTION, where, ".bss holds only zeros: use .zero or .space");
        }
      }
    } else if (encoding) {
      contents.get(current).writeBytes(bytes);
    }
    offset.merge(current, bytes.length, Integer::sum);
  }

  void emitWord(int word, Token where) {
    if (current == SectionKind.BSS) {
      throw new AsmError(ErrorCode.ASM_BAD_SECTION, where, "instructions cannot go in .bss");
    }
    emit(new byte[] {(byte) word, (byte) (word >> 8), (byte) (word >> 16), (byte) (word >> 24)}, where);
  }

  Value evaluate(Token expression) {
    return Expression.evaluate(expression, symbols);
  }

  /** A value that must be known before layout (sizes, counts, alignments, li constants). */
  long constant(Token expression) {
    Value value = evaluate(expression);
    if (value.relocatable()) {
      throw new AsmError(ErrorCode.ASM_NOT_CONSTANT, expression,
          "'" + expression.text() + "' depends on an address; a constant is needed here");
    }
    return value.value();
  }

  private final Expression.Symbols symbols = new Expression.Symbols() {
    @Override
    public Value lookup(Token name) {
      return Assembler.this.lookup(name);
    }

    @Override
    public Value pcrelHi(Value target) {
      long delta = target.value() - Integer.toUnsignedLong(pc());
      pcrelOffsets.put(pc(), delta);
      return new Value(Expression.hi(delta), true);
    }

    @Override
    public Value pcrelLo(Token label, Value labelAddress) {
      Long delta = pcrelOffsets.get((int) labelAddress.value());
      if (delta == null) {
        if (!encoding) {
          return new Value(0, true);
        }
        throw new AsmError(ErrorCode.ASM_UNDEFINED_SYMBOL, label,
            "no %pcrel_hi at '" + label.text() + "' (it must label the auipc, before this line)");
      }
      return new Value(Expression.lo(delta), true);
    }
  };

  /** The pc-relative offset of each {@code %pcrel_hi} by the address of its instruction. */
  private final Map<Integer, Long> pcrelOffsets = new HashMap<>();

  private Value lookup(Token name) {
    String text = name.text();
    if (text.equals(".")) {
      return dot != null ? dot : new Value(Integer.toUnsignedLong(pc()), true);
    }
    if (text.matches("\\d+[bf]")) {
      return localLabel(name);
    }
    Label label = labels.get(text);
    if (label != null) {
      return new Value(encoding ? Integer.toUnsignedLong(base.get(label.section()) + label.offset()) : 0, true);
    }
    Equate equate = equates.get(text);
    if (equate != null) {
      if (!evaluating.add(text)) {
        throw new AsmError(ErrorCode.ASM_NOT_CONSTANT, name, "'" + text + "' is defined in terms of itself");
      }
      try {
        return evaluateEquate(equate);
      } finally {
        evaluating.remove(text);
      }
    }
    if (!encoding) {
      return new Value(0, true);
    }
    throw new AsmError(ErrorCode.ASM_UNDEFINED_SYMBOL, name, "undefined symbol '" + text + "'");
  }

  /**
   * An equate's value, with {@code .} the address where its definition stands (as GNU as reads
   * {@code .set .LANCHOR0, . + 0}), not where the symbol is used.
   */
  private Value evaluateEquate(Equate equate) {
    Label at = equateLocations.get(equate.statementIndex());
    Value outer = dot;
    dot = at == null ? new Value(0, true)
        : new Value(encoding ? Integer.toUnsignedLong(base.get(at.section()) + at.offset()) : 0, true);
    try {
      return evaluate(equate.expression());
    } finally {
      dot = outer;
    }
  }

  private Value localLabel(Token reference) {
    String text = reference.text();
    String number = text.substring(0, text.length() - 1);
    boolean backward = text.endsWith("b");
    LocalLabel found = null;
    int here = statement == null ? Integer.MAX_VALUE : statement.index();
    for (LocalLabel candidate : localLabels.getOrDefault(number, List.of())) {
      if (backward && candidate.statementIndex() <= here) {
        found = candidate;
      } else if (!backward && candidate.statementIndex() > here) {
        found = candidate;
        break;
      }
    }
    if (found == null) {
      if (!encoding) {
        return new Value(0, true);
      }
      throw new AsmError(ErrorCode.ASM_UNDEFINED_SYMBOL, reference, "no local label '" + number + ":' "
          + (backward ? "before" : "after") + " this line");
    }
    return new Value(encoding ? Integer.toUnsignedLong(base.get(found.section()) + found.offset()) : 0, true);
  }

  private void report(AsmError e) {
    diagnostics.error(e.code, e.where.span(file), e.getMessage());
  }
}
