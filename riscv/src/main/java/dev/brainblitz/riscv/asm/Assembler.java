package dev.brainblitz.riscv.asm;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.diag.SourceTexts;
import dev.brainblitz.riscv.asm.Expression.Dependence;
import dev.brainblitz.riscv.asm.Expression.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Assembles GNU as source for RV32IM + Zicsr + Zbb + XBNN into a linked {@link Program}
 * (docs/asm.md lists the syntax). Several files link as GNU ld links their objects: each file's
 * symbols are its own unless {@code .globl} (or {@code .weak}) makes them visible to the others.
 *
 * <p>How: the files are read into statements ({@link Preprocessor}); sizing passes place every label
 * in its {@link InputSection}, repeated while a size depended on a label not placed yet (so
 * {@code .zero .Lend - .Lstart} works); the linker step lays the input sections out; a final pass
 * encodes, and checks that every statement took the bytes it took while sizing. Errors are
 * collected and thrown together as a {@link DiagnosticException}.
 */
public final class Assembler {
  /** Errors kept before the assembler stops reporting (each later one is only counted). */
  static final int MAX_ERRORS = 10_000;
  /** Sizing passes before sizes that depend on each other are declared not to settle. */
  private static final int MAX_SIZING_PASSES = 8;
  /** How deeply symbol definitions may refer to other definitions. */
  private static final int MAX_DEFINITION_DEPTH = 200;
  /** The largest section with contents (the simulator's RAM) and the largest .bss. */
  static final long MAX_SECTION_BYTES = 256L << 20;
  static final long MAX_BSS_BYTES = 1L << 30;

  private final MemoryMap memoryMap;
  private final List<Diagnostic> errors = new ArrayList<>();
  private int droppedErrors;
  private SourceTexts sources = SourceTexts.NONE;
  private final List<Statement> statements = new ArrayList<>();
  private final Map<String, FileScope> scopes = new LinkedHashMap<>();
  private final List<InputSection> sections = new ArrayList<>();

  /** {@code .comm} symbols that no file defines, by name, in order of their first {@code .comm}. */
  private final Map<String, CommonBlock> commons = new LinkedHashMap<>();
  private final InputSection commonSection;
  /** GOT slots in order of first use; the key names the symbol ({@code file:name} for a local one). */
  private final Map<String, GotSlot> gotSlots = new LinkedHashMap<>();
  private final InputSection gotSection;
  private final LinkerStep linker;

  // state of the current pass
  private int pass;
  private boolean encoding;
  private FileScope scope;
  private Statement statement;
  /** Set when a size-determining evaluation used a label not placed yet in this pass. */
  private boolean guessed;
  private int guessesInEvaluation;
  private Statement lastGuess;
  /** The bytes each statement took in the last sizing pass, by statement index. */
  private int[] sizes;
  /** Statements that failed in the last sizing pass (their size there was a guess). */
  private boolean[] failedWhileSizing;
  /** The address {@code .} means while an equate is evaluated: where its definition stands. */
  private Value dot;
  private final Map<EquateDefinition, Value> equateValues = new IdentityHashMap<>();
  private final Set<EquateDefinition> evaluating = new HashSet<>();
  /** Whether a section's size was found too large (reported once). */
  private boolean sizeReported;
  /** The pc-relative offset of each {@code %pcrel_hi} (and GOT reference) by the address of its auipc. */
  private final Map<Long, Long> pcrelOffsets = new HashMap<>();

  private Assembler(List<SourceFile> files, MemoryMap memoryMap) {
    this.memoryMap = memoryMap;
    for (SourceFile f : files) {
      if (scopes.containsKey(f.name())) {
        throw new IllegalArgumentException("'" + f.name() + "' is given twice");
      }
      sources = sources.with(SourceTexts.of(f.name(), f.text()));
      scopes.put(f.name(), new FileScope(f.name(), scopes.size(), sections));
    }
    commonSection = new InputSection("<common>", "COMMON", SectionKind.BSS, false, Long.MAX_VALUE, 1);
    gotSection = new InputSection("<linker>", ".got", SectionKind.GOT, false, Long.MAX_VALUE, 4);
    linker = new LinkerStep(sections, commonSection, gotSection);
    for (SourceFile f : files) {
      Preprocessor.read(f.name(), f.text(), statements, (e, file, context) -> report(e, file, context));
    }
  }

  /** Assembles and links {@code text} (read from {@code file}, named in diagnostics). */
  public static Program assemble(String file, String text, MemoryMap memoryMap) {
    return assemble(List.of(new SourceFile(file, text)), memoryMap);
  }

  public static Program assemble(String file, String text) {
    return assemble(file, text, MemoryMap.DEFAULT);
  }

  /** Assembles several files and links them, as {@code as} for each and {@code ld} for all would. */
  public static Program assemble(List<SourceFile> files, MemoryMap memoryMap) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("nothing to assemble");
    }
    return new Assembler(files, memoryMap).run();
  }

  private Program run() {
    collectDefinitions();
    resolveGlobals();
    int passes = 0;
    while (true) {
      Map<Object, Long> before = placements();
      guessed = false;
      lastGuess = null;
      pass(false);
      passes++;
      if (!guessed || before.equals(placements())) {
        break;
      }
      if (passes == MAX_SIZING_PASSES) {
        Statement s = lastGuess;
        report(new AsmError(ErrorCode.ASM_OUT_OF_RANGE, s == null || s.name() == null ? new Token("", 1, 1) : s.name(),
            "sizes that depend on labels after them do not settle"), s == null ? firstFile() : s.file(),
            s == null ? null : s.context());
        break;
      }
    }
    if (errors.isEmpty()) {
      layout();
    }
    if (errors.isEmpty()) {
      pass(true);
    }
    throwIfErrors();
    Program program = program();
    throwIfErrors();
    return program;
  }

  // ---- what each file defines, read before the passes ----

  private record GotSlot(FileScope scope, Token symbol, int index) {}

  private FileScope scopeOf(Statement s) {
    return scopes.get(s.file());
  }

  private String firstFile() {
    return scopes.keySet().iterator().next();
  }

  /** Labels, equates and symbol attributes of every file, and duplicate definitions. */
  private void collectDefinitions() {
    for (Statement s : statements) {
      statement = s;
      FileScope f = scopeOf(s);
      for (Token label : s.labels()) {
        String name = label.text();
        if (isNumeric(name)) {
          Label l = new Label(name, s, label);
          f.numericLabels.computeIfAbsent(name, k -> new ArrayList<>()).add(l);
          f.labelOrder.add(l);
        } else if (f.defines(name)) {
          report(new AsmError(ErrorCode.ASM_DUPLICATE_SYMBOL, label, "'" + name + "' is already defined"));
        } else {
          Label l = new Label(name, s, label);
          f.labels.put(name, l);
          f.labelOrder.add(l);
        }
      }
      if (s.name() == null) {
        continue;
      }
      String directive = s.name().text().toLowerCase(Locale.ROOT);
      List<Token> ops = s.operands();
      switch (directive) {
        case ".set", ".equ", ".equiv" -> {
          if (ops.size() == 2 && !ops.get(0).text().isEmpty()) {
            String name = ops.get(0).text();
            if (f.labels.containsKey(name) || f.localCommons.containsKey(name)
                || directive.equals(".equiv") && f.equates.containsKey(name)) {
              report(new AsmError(ErrorCode.ASM_DUPLICATE_SYMBOL, ops.get(0), "'" + name + "' is already defined"));
            } else {
              f.equates.computeIfAbsent(name, k -> new ArrayList<>()).add(new EquateDefinition(name, s, ops.get(1)));
            }
          }
        }
        case ".globl", ".global" -> ops.forEach(op -> f.globals.add(op.text()));
        case ".weak" -> ops.forEach(op -> f.weaks.add(op.text()));
        case ".local" -> ops.forEach(op -> f.locals.add(op.text()));
        default -> {
          // the passes handle everything else
        }
      }
    }
    // .lcomm and local .comm define labels too; a second pass sees every .local first.
    for (Statement s : statements) {
      statement = s;
      if (s.name() == null || s.operands().isEmpty()) {
        continue;
      }
      FileScope f = scopeOf(s);
      String directive = s.name().text().toLowerCase(Locale.ROOT);
      Token nameToken = s.operands().get(0);
      String name = nameToken.text();
      boolean local = directive.equals(".lcomm") || directive.equals(".comm") && f.locals.contains(name);
      if (!local || name.isEmpty()) {
        continue;
      }
      if (f.labels.containsKey(name) || f.equates.containsKey(name)) {
        report(new AsmError(ErrorCode.ASM_DUPLICATE_SYMBOL, nameToken, "'" + name + "' is already defined"));
      } else if (!f.localCommons.containsKey(name)) {
        f.localCommons.put(name, new CommonBlock(new Label(name, s, nameToken)));
      }
    }
    statement = null;
  }

  /** Global and weak definitions across files; two strong definitions of one name are an error. */
  private final Map<String, FileScope> globalDefinitions = new HashMap<>();

  private void resolveGlobals() {
    for (FileScope f : scopes.values()) {
      Set<String> exported = new java.util.TreeSet<>(f.globals);
      exported.addAll(f.weaks);
      for (String name : exported) {
        if (!f.defines(name)) {
          continue;
        }
        FileScope other = globalDefinitions.get(name);
        boolean weak = f.weaks.contains(name);
        if (other == null || other.weaks.contains(name) && !weak) {
          globalDefinitions.put(name, f);
        } else if (!weak && !other.weaks.contains(name)) {
          Token where = definitionToken(f, name);
          errors.add(new Diagnostic(ErrorCode.ASM_DUPLICATE_SYMBOL, where.span(f.file),
              "'" + name + "' is also defined in " + other.file + " (a global symbol is defined once; make one .weak or local)"));
        }
      }
    }
  }

  private static Token definitionToken(FileScope f, String name) {
    Label l = f.labels.get(name);
    if (l != null) {
      return l.token;
    }
    List<EquateDefinition> e = f.equates.get(name);
    if (e != null) {
      return e.get(0).statement.operands().get(0);
    }
    return f.localCommons.get(name).label.token;
  }

  private static boolean isNumeric(String name) {
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  /** Every placement a sizing pass makes, to see whether the next pass changed any. */
  private Map<Object, Long> placements() {
    Map<Object, Long> m = new HashMap<>(); // keys compare by identity: none of them overrides equals
    for (FileScope f : scopes.values()) {
      for (Label l : f.labelOrder) {
        m.put(l, l.placedInPass < 0 ? -1 : l.offset);
      }
      for (List<EquateDefinition> defs : f.equates.values()) {
        for (EquateDefinition d : defs) {
          m.put(d, d.placedInPass < 0 ? -1 : d.offset);
        }
      }
      for (CommonBlock c : f.localCommons.values()) {
        m.put(c, c.label.placedInPass < 0 ? -1 : c.label.offset);
      }
    }
    for (CommonBlock c : commons.values()) {
      m.put(c, c.label.placedInPass < 0 ? -1 : c.label.offset);
    }
    for (InputSection s : sections) {
      m.put(s, (long) s.size() << 8 | Integer.numberOfTrailingZeros(s.alignment()));
    }
    m.put(gotSection, (long) gotSlots.size());
    return m;
  }

  // ---- the passes ----

  private void pass(boolean encode) {
    pass++;
    encoding = encode;
    equateValues.clear();
    pcrelOffsets.clear();
    if (sizes == null) {
      sizes = new int[statements.size()];
      failedWhileSizing = new boolean[statements.size()];
    }
    for (InputSection s : sections) {
      s.startPass();
    }
    commonSection.startPass();
    for (FileScope f : scopes.values()) {
      f.current = f.section(".text", SectionKind.TEXT, true, 4);
      f.section(".data", SectionKind.DATA, false, 1);
      f.section(".bss", SectionKind.BSS, false, 1);
      f.previous = f.current;
      f.sectionStack.clear();
      f.picStack.clear();
      f.pic = false;
    }
    for (Statement s : statements) {
      statement = s;
      scope = scopeOf(s);
      InputSection before = scope.current;
      int start = before.size();
      boolean failed = false;
      try {
        if (!encode) {
          placeLabels(s);
        }
        if (s.name() != null) {
          String name = s.name().text().toLowerCase(Locale.ROOT);
          if (name.startsWith(".")) {
            Directives.apply(this, name, s);
          } else if (scope.current.dropped()) {
            // instructions in a section that is not loaded (debug information) are not kept
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
      if (scope.current != before) {
        continue;
      }
      int size = before.size() - start;
      if (!encode) {
        sizes[s.index()] = size;
        failedWhileSizing[s.index()] = failed;
      } else if (size != sizes[s.index()]) {
        if (!failed && failedWhileSizing[s.index()]) {
          report(new AsmError(ErrorCode.ASM_NOT_CONSTANT, s.name() == null ? new Token("", 1, 1) : s.name(),
              "the size of this statement could not be known before the layout"));
        } else if (!failed && errors.isEmpty()) {
          // Labels after this statement were placed with the sizing pass's size: a bug, not a user error.
          throw new IllegalStateException(s.file() + ":" + (s.name() == null ? "?" : s.name().line())
              + ": statement took " + sizes[s.index()] + " bytes while sizing and " + size + " while encoding");
        }
        before.resize(start + sizes[s.index()], !before.dropped() && before.kind.hasBytes());
      }
    }
    statement = null;
    scope = null;
    for (FileScope f : scopes.values()) {
      allocateLocalCommons(f);
    }
    allocateCommons();
    padCodeSections();
    checkSectionSizes();
  }

  private void placeLabels(Statement s) {
    FileScope f = scopeOf(s);
    for (Token token : s.labels()) {
      String name = token.text();
      Label l = isNumeric(name) ? numericLabel(f, name, s) : f.labels.get(name);
      if (l != null && l.definition == s) {
        l.section = f.current;
        l.offset = f.current.size();
        l.placedInPass = pass;
      }
    }
  }

  private static Label numericLabel(FileScope f, String name, Statement s) {
    for (Label l : f.numericLabels.getOrDefault(name, List.of())) {
      if (l.definition == s) {
        return l;
      }
    }
    return null;
  }

  /** GNU as puts {@code .lcomm} blocks after the file's own .bss contents, in order. */
  private void allocateLocalCommons(FileScope f) {
    InputSection bss = f.sectionsByName.get(".bss");
    for (CommonBlock c : f.localCommons.values()) {
      allocate(c, bss);
    }
  }

  private void allocateCommons() {
    for (CommonBlock c : commons.values()) {
      allocate(c, commonSection);
    }
  }

  private void allocate(CommonBlock c, InputSection bss) {
    long padding = (c.alignment - bss.size() % c.alignment) % c.alignment;
    if (bss.size() + padding + c.size > MAX_BSS_BYTES) {
      if (!sizeReported) {
        sizeReported = true;
        errors.add(new Diagnostic(ErrorCode.ASM_OUT_OF_RANGE, c.label.token.span(c.label.definition.file()),
            "common blocks would make .bss larger than " + MAX_BSS_BYTES + " bytes"));
      }
      return;
    }
    bss.alignTo(c.alignment);
    bss.appendFill(padding, (byte) 0, false);
    c.label.section = bss;
    c.label.offset = bss.size();
    c.label.placedInPass = pass;
    bss.appendFill(c.size, (byte) 0, false);
  }

  /** Like GNU as, rounds each code section up to its alignment with nops, and each mergeable one to whole entries. */
  private void padCodeSections() {
    for (InputSection s : sections) {
      if (s.code && !s.dropped() && s.size() % s.alignment() != 0) {
        Directives.codePadding(s, s.alignment() - s.size() % s.alignment(), encoding);
      }
      if (!s.dropped() && s.size() % s.entrySize() != 0) {
        s.appendFill(s.entrySize() - s.size() % s.entrySize(), (byte) 0, encoding && s.kind.hasBytes());
      }
    }
  }

  private void checkSectionSizes() {
    if (sizeReported) {
      return;
    }
    List<InputSection> all = new ArrayList<>(sections);
    all.add(commonSection);
    for (InputSection s : all) {
      if (s.dropped()) {
        continue;
      }
      long max = s.kind.hasBytes() ? MAX_SECTION_BYTES : MAX_BSS_BYTES;
      if (s.size() > max) {
        errors.add(new Diagnostic(ErrorCode.ASM_OUT_OF_RANGE, SourceSpan.wholeFile(s.file.startsWith("<") ? firstFile() : s.file),
            "section " + s.name + " takes " + s.size() + " bytes; at most " + max + " are allowed"));
        sizeReported = true;
        return;
      }
    }
  }

  /** The linker step ({@link LinkerStep}); the GOT's size is known once the sizing passes are done. */
  private void layout() {
    gotSection.startPass();
    gotSection.appendFill(4L * gotSlots.size(), (byte) 0, false);
    if (linker.layout(memoryMap) > 0x1_0000_0000L) {
      errors.add(new Diagnostic(ErrorCode.ASM_OUT_OF_RANGE, SourceSpan.wholeFile(firstFile()),
          "the program does not fit below 4 GiB at text base 0x" + Integer.toHexString(memoryMap.textBase())));
    } else if (linker.largestContents() > MAX_SECTION_BYTES) {
      errors.add(new Diagnostic(ErrorCode.ASM_OUT_OF_RANGE, SourceSpan.wholeFile(firstFile()),
          "an output section would hold more than " + MAX_SECTION_BYTES + " bytes"));
    }
  }

  private Program program() {
    fillGot();
    return new Program(linker.outputSections(), symbols(), entry());
  }

  private void fillGot() {
    byte[] table = new byte[4 * gotSlots.size()];
    encoding = true;
    for (GotSlot slot : gotSlots.values()) {
      scope = slot.scope();
      statement = null;
      int address;
      try {
        address = (int) lookup(slot.symbol()).value();
      } catch (AsmError e) {
        report(e, slot.scope().file, null);
        continue;
      }
      for (int i = 0; i < 4; i++) {
        table[4 * slot.index() + i] = (byte) (address >> (8 * i));
      }
    }
    scope = null;
    gotSection.startPass();
    gotSection.append(table, true);
  }

  private List<Symbol> symbols() {
    List<Symbol> symbols = new ArrayList<>();
    for (FileScope f : scopes.values()) {
      for (Label l : f.labelOrder) {
        if (!isNumeric(l.name)) {
          addSymbol(symbols, f, l.name, l.section, l.section.address() + l.offset);
        }
      }
      for (CommonBlock c : f.localCommons.values()) {
        addSymbol(symbols, f, c.label.name, c.label.section, c.label.section.address() + c.label.offset);
      }
      for (var entry : f.equates.entrySet()) {
        List<EquateDefinition> defs = entry.getValue();
        scope = f;
        Value v;
        try {
          v = evaluateEquate(defs.get(defs.size() - 1));
        } catch (AsmError e) {
          report(e, f.file, null);
          continue;
        }
        InputSection in = v.dependence() == Dependence.ADDRESS ? v.section() : null;
        addSymbol(symbols, f, entry.getKey(), in, v.value());
      }
    }
    for (CommonBlock c : commons.values()) {
      symbols.add(new Symbol(c.label.name, (int) (commonSection.address() + c.label.offset), SectionKind.BSS, true));
    }
    scope = null;
    symbols.sort(java.util.Comparator.comparing(Symbol::global).thenComparing(Symbol::value, Integer::compareUnsigned)
        .thenComparing(Symbol::name));
    return symbols;
  }

  private static void addSymbol(List<Symbol> symbols, FileScope f, String name, InputSection section, long value) {
    if (name.startsWith(".L") || section != null && section.dropped()) {
      return;
    }
    boolean weak = f.weaks.contains(name);
    boolean global = weak || f.globals.contains(name);
    symbols.add(new Symbol(name, (int) value, section == null ? null : section.kind, global, weak));
  }

  private int entry() {
    FileScope definer = globalDefinitions.get("_start");
    List<FileScope> candidates = new ArrayList<>();
    if (definer != null) {
      candidates.add(definer);
    }
    candidates.addAll(scopes.values());
    for (FileScope f : candidates) {
      Label start = f.labels.get("_start");
      if (start != null) {
        return (int) (start.section.address() + start.offset);
      }
    }
    return (int) linker.inputsOf(SectionKind.TEXT).get(0).address();
  }

  // ---- services for the directive and instruction assemblers ----

  boolean encoding() {
    return encoding;
  }

  Statement statement() {
    return statement;
  }

  InputSection section() {
    return scope.current;
  }

  /** The section called {@code name} in the current file, created with the given kind on first use. */
  InputSection sectionNamed(String name, SectionKind kind, boolean code) {
    return scope.section(name, kind, code, name.equals(".text") ? 4 : 1);
  }

  void switchTo(InputSection s) {
    if (s != scope.current) {
      scope.previous = scope.current;
      scope.current = s;
    }
  }

  /** {@code .previous}: back to the section before the last switch. */
  void switchToPrevious() {
    InputSection p = scope.previous;
    scope.previous = scope.current;
    scope.current = p;
  }

  void pushSection(InputSection s) {
    scope.sectionStack.push(new InputSection[] {scope.current, scope.previous});
    switchTo(s);
  }

  /** Returns to the section before the last {@link #pushSection}; false if there is none. */
  boolean popSection() {
    if (scope.sectionStack.isEmpty()) {
      return false;
    }
    InputSection[] saved = scope.sectionStack.pop();
    scope.current = saved[0];
    scope.previous = saved[1];
    return true;
  }

  boolean pic() {
    return scope.pic;
  }

  /** {@code .option pic}, {@code nopic}, {@code push} and {@code pop}; false for an unbalanced pop. */
  boolean option(String option) {
    switch (option) {
      case "pic" -> scope.pic = true;
      case "nopic" -> scope.pic = false;
      case "push" -> scope.picStack.push(scope.pic);
      case "pop" -> {
        if (scope.picStack.isEmpty()) {
          return false;
        }
        scope.pic = scope.picStack.pop();
      }
      default -> {
        // rvc, norvc, relax, norelax, arch: no effect on what we emit
      }
    }
    return true;
  }

  /** Places the location of a {@code .set} statement while sizing. */
  void placeEquate(Statement s) {
    List<EquateDefinition> defs = scope.equates.get(s.operands().get(0).text());
    if (defs == null) {
      return;
    }
    for (EquateDefinition d : defs) {
      if (d.statement == s) {
        if (!encoding) {
          d.section = scope.current;
          d.offset = scope.current.size();
          d.placedInPass = pass;
        }
        // Evaluated here, in order, so that long chains of definitions never recurse deeply.
        try {
          evaluateEquate(d);
        } catch (AsmError e) {
          if (encoding) {
            throw e;
          }
        }
      }
    }
  }

  /** {@code .comm NAME, SIZE[, ALIGN]} and {@code .lcomm NAME, SIZE}: sizes known now, placed at the end of the pass. */
  void common(Token name, long size, int alignment, boolean local) {
    if (local || scope.locals.contains(name.text())) {
      CommonBlock c = scope.localCommons.get(name.text());
      if (c != null && c.label.definition == statement) {
        c.size = size;
        c.alignment = alignment;
      } else if (c != null && encoding) {
        throw new AsmError(ErrorCode.ASM_DUPLICATE_SYMBOL, name, "'" + name.text() + "' is already defined");
      }
      return;
    }
    if (scope.defines(name.text())) {
      return; // a definition in this file wins over the common block, as in ld
    }
    if (globalDefinitions.containsKey(name.text())) {
      return;
    }
    CommonBlock c = commons.computeIfAbsent(name.text(), n -> new CommonBlock(new Label(n, statement, name)));
    c.size = Math.max(c.size, size);
    c.alignment = Math.max(c.alignment, alignment);
  }

  /** The address of the next byte of the current section (its offset there while sizing). */
  long pc() {
    InputSection s = scope.current;
    return (encoding ? s.address() : 0) + s.size();
  }

  /** Appends bytes (or, in .bss, reserves them; only zeros are allowed there). */
  void emit(byte[] bytes, Token where) {
    InputSection s = scope.current;
    if (s.dropped()) {
      return;
    }
    if (!s.kind.hasBytes()) {
      for (byte b : bytes) {
        if (b != 0) {
          throw new AsmError(ErrorCode.ASM_BAD_SECTION, where, s.name + " holds only zeros: use .zero or .space");
        }
      }
    }
    checkRoom(bytes.length, where);
    s.append(bytes, encoding && s.kind.hasBytes());
  }

  /** Appends {@code count} copies of {@code fill}. */
  void emitFill(long count, byte fill, Token where) {
    InputSection s = scope.current;
    if (s.dropped()) {
      return;
    }
    if (!s.kind.hasBytes() && fill != 0) {
      throw new AsmError(ErrorCode.ASM_BAD_SECTION, where, s.name + " holds only zeros: use .zero or .space");
    }
    checkRoom(count, where);
    s.appendFill(count, fill, encoding && s.kind.hasBytes());
  }

  private void checkRoom(long count, Token where) {
    InputSection s = scope.current;
    long max = s.kind.hasBytes() ? MAX_SECTION_BYTES : MAX_BSS_BYTES;
    if (count < 0 || s.size() + count > max) {
      throw new AsmError(ErrorCode.ASM_OUT_OF_RANGE, where, "section " + s.name + " would exceed " + max + " bytes");
    }
  }

  void emitWord(int word, Token where) {
    InputSection s = scope.current;
    if (!s.dropped() && !s.kind.hasBytes()) {
      throw new AsmError(ErrorCode.ASM_BAD_SECTION, where, "instructions cannot go in " + s.name);
    }
    emit(new byte[] {(byte) word, (byte) (word >> 8), (byte) (word >> 16), (byte) (word >> 24)}, where);
  }

  Value evaluate(Token expression) {
    return Expression.evaluate(expression, symbols);
  }

  /**
   * A value that must be known before layout (sizes, counts, alignments, li constants): a constant,
   * or the difference of two labels of one section. While sizing, a label not placed yet counts as
   * 0 and asks for another sizing pass.
   */
  long constant(Token expression) {
    int before = guessesInEvaluation;
    Value value = evaluate(expression);
    if (guessesInEvaluation != before && !encoding) {
      guessed = true;
      lastGuess = statement;
    }
    if (value.dependence() == Dependence.UNPLACED && !encoding) {
      return 0;
    }
    if (value.dependence() != Dependence.CONSTANT) {
      throw new AsmError(ErrorCode.ASM_NOT_CONSTANT, expression,
          "'" + Expression.shorten(expression.text()) + "' depends on an address; a constant is needed here");
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
      long delta = target.value() - pc();
      pcrelOffsets.put(pc(), delta);
      return new Value(Expression.hi(delta), target.isConstant() ? Dependence.ADDRESS : target.dependence(), null);
    }

    @Override
    public Value pcrelLo(Token label, Value labelAddress) {
      Long delta = pcrelOffsets.get(labelAddress.value());
      if (delta == null) {
        if (!encoding) {
          return Value.unplaced();
        }
        throw new AsmError(ErrorCode.ASM_UNDEFINED_SYMBOL, label,
            "no %pcrel_hi at '" + label.text() + "' (it must label the auipc, before this line)");
      }
      return new Value(Expression.lo(delta), Dependence.ADDRESS, null);
    }

    @Override
    public Value gotPcrelHi(Token symbol) {
      long delta = gotAddress(symbol) - pc();
      pcrelOffsets.put(pc(), delta);
      return new Value(Expression.hi(delta), Dependence.ADDRESS, null);
    }
  };

  /** The address of the GOT slot holding {@code symbol}'s address, allocating the slot on first use. */
  long gotAddress(Token symbol) {
    String name = symbol.text();
    if (name.isEmpty() || LineParser.identifierEnd(name, 0) != name.length() || Character.isDigit(name.charAt(0))) {
      throw new AsmError(ErrorCode.ASM_BAD_OPERANDS, symbol, "a GOT entry is for a symbol, not '"
          + Expression.shorten(name) + "'");
    }
    boolean local = scope.defines(name) && !scope.globals.contains(name) && !scope.weaks.contains(name);
    String key = local ? scope.file + ":" + name : name;
    GotSlot slot = gotSlots.computeIfAbsent(key, k -> new GotSlot(scope, symbol, gotSlots.size()));
    return (encoding ? gotSection.address() : 0) + 4L * slot.index();
  }

  private Value lookup(Token name) {
    String text = name.text();
    if (text.equals(".")) {
      return dot != null ? dot : Value.address(pc(), scope.current);
    }
    if (Expression.isLocalLabelReference(text)) {
      return numericLabelValue(name);
    }
    FileScope f = scope;
    List<EquateDefinition> defs = f.equates.get(text);
    if (defs != null) {
      return evaluateEquate(chooseDefinition(defs));
    }
    Label label = f.labels.get(text);
    if (label == null && f.localCommons.containsKey(text)) {
      label = f.localCommons.get(text).label;
    }
    if (label != null) {
      return labelValue(label);
    }
    FileScope definer = globalDefinitions.get(text);
    if (definer != null) {
      FileScope saved = scope;
      Value outer = dot;
      scope = definer;
      dot = null;
      try {
        List<EquateDefinition> theirs = definer.equates.get(text);
        if (theirs != null) {
          return evaluateEquate(theirs.get(theirs.size() - 1));
        }
        Label l = definer.labels.get(text);
        return labelValue(l != null ? l : definer.localCommons.get(text).label);
      } finally {
        scope = saved;
        dot = outer;
      }
    }
    CommonBlock common = commons.get(text);
    if (common != null) {
      return labelValue(common.label);
    }
    if (f.weaks.contains(text)) {
      return new Value(0, Dependence.ADDRESS, null); // an undefined weak symbol is 0, as ld makes it
    }
    if (!encoding) {
      guessesInEvaluation++;
      return Value.unplaced();
    }
    throw new AsmError(ErrorCode.ASM_UNDEFINED_SYMBOL, name, "undefined symbol '" + Expression.shorten(text) + "'"
        + undefinedHint(text));
  }

  /** Whether {@code name} is declared {@code .weak} here and defined nowhere (it is then 0). */
  boolean isUndefinedWeak(String name) {
    return scope.weaks.contains(name) && !scope.defines(name) && !globalDefinitions.containsKey(name)
        && !commons.containsKey(name);
  }

  private String undefinedHint(String name) {
    for (FileScope other : scopes.values()) {
      if (other != scope && other.defines(name)) {
        return " (" + other.file + " defines it but does not make it .globl)";
      }
    }
    return "";
  }

  private Value labelValue(Label label) {
    if (label.placedInPass < 0) {
      guessesInEvaluation++;
      return Value.unplaced();
    }
    if (!encoding && label.placedInPass != pass) {
      guessesInEvaluation++; // placed by the previous pass: right unless something before it changed size
    }
    long base = encoding ? label.section.address() : 0;
    return Value.address(base + label.offset, label.section);
  }

  /** The definition a use at the current statement sees: the last one before it, else the first one (a forward reference). */
  private EquateDefinition chooseDefinition(List<EquateDefinition> defs) {
    int here = statement == null ? Integer.MAX_VALUE : statement.index();
    EquateDefinition chosen = null;
    for (EquateDefinition d : defs) {
      if (d.statement.index() < here) {
        chosen = d;
      }
    }
    return chosen != null ? chosen : defs.get(0);
  }

  /**
   * An equate's value, with {@code .} the address where its definition stands (as GNU as reads
   * {@code .set .LANCHOR0, . + 0}) and the symbols it names as seen from there.
   */
  private Value evaluateEquate(EquateDefinition d) {
    Value cached = equateValues.get(d);
    if (cached != null) {
      return cached;
    }
    if (evaluating.contains(d)) {
      throw new AsmError(ErrorCode.ASM_NOT_CONSTANT, d.statement.operands().get(0),
          "'" + d.name + "' is defined in terms of itself");
    }
    if (evaluating.size() >= MAX_DEFINITION_DEPTH) {
      throw new AsmError(ErrorCode.ASM_NOT_CONSTANT, d.statement.operands().get(0), "symbol definitions refer to each"
          + " other more than " + MAX_DEFINITION_DEPTH + " deep (define them before they are used)");
    }
    Statement outerStatement = statement;
    Value outerDot = dot;
    int guessesBefore = guessesInEvaluation;
    evaluating.add(d);
    statement = d.statement;
    if (d.placedInPass < 0) {
      guessesInEvaluation++;
      dot = Value.unplaced();
    } else {
      if (!encoding && d.placedInPass != pass) {
        guessesInEvaluation++;
      }
      dot = Value.address((encoding ? d.section.address() : 0) + d.offset, d.section);
    }
    try {
      Value v = evaluate(d.expression);
      if (encoding || guessesInEvaluation == guessesBefore) {
        equateValues.put(d, v);
      }
      return v;
    } finally {
      evaluating.remove(d);
      statement = outerStatement;
      dot = outerDot;
    }
  }

  private Value numericLabelValue(Token reference) {
    String text = reference.text();
    String number = text.substring(0, text.length() - 1);
    boolean backward = text.endsWith("b");
    int here = statement == null ? Integer.MAX_VALUE : statement.index();
    Label found = null;
    for (Label candidate : scope.numericLabels.getOrDefault(number, List.of())) {
      int at = candidate.definition.index();
      if (backward && at <= here) {
        found = candidate;
      } else if (!backward && at > here) {
        found = candidate;
        break;
      }
    }
    if (found == null) {
      if (!encoding) {
        guessesInEvaluation++;
        return Value.unplaced();
      }
      throw new AsmError(ErrorCode.ASM_UNDEFINED_SYMBOL, reference, "no local label '" + number + ":' "
          + (backward ? "before" : "after") + " this line");
    }
    return labelValue(found);
  }

  // ---- diagnostics ----

  private void report(AsmError e) {
    Statement s = statement;
    report(e, s == null ? (scope == null ? firstFile() : scope.file) : s.file(), s == null ? null : s.context());
  }

  private void report(AsmError e, String file, String context) {
    if (errors.size() >= MAX_ERRORS) {
      droppedErrors++;
      return;
    }
    String message = e.getMessage();
    if (message.length() > 300) {
      message = message.substring(0, 150) + " ... " + message.substring(message.length() - 100); // quotes a huge operand
    }
    if (context != null) {
      message += " (" + Expression.shorten(context) + ")";
    }
    errors.add(new Diagnostic(e.code, e.where.span(file), message));
  }

  private void throwIfErrors() {
    if (errors.isEmpty()) {
      return;
    }
    List<Diagnostic> all = new ArrayList<>();
    if (droppedErrors > 0) {
      // First, so that it is seen however few of the others are printed.
      all.add(new Diagnostic(ErrorCode.ASM_TOO_MANY_ERRORS, SourceSpan.wholeFile(firstFile()),
          (MAX_ERRORS + droppedErrors) + " errors: stopped reporting after " + MAX_ERRORS + " (" + droppedErrors
              + " more were found)"));
    }
    all.addAll(errors);
    throw new DiagnosticException(all, sources);
  }
}
