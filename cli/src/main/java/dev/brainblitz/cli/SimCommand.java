package dev.brainblitz.cli;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.sim.iss.Hart;
import dev.brainblitz.sim.iss.Profiler;
import dev.brainblitz.sim.iss.RetireListener;
import dev.brainblitz.sim.iss.SimConfig;
import dev.brainblitz.sim.iss.SimResult;
import dev.brainblitz.sim.iss.StallCause;
import dev.brainblitz.sim.iss.TimingModel;
import dev.brainblitz.sim.iss.Tracer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Run a RISC-V ELF32 executable on the cycle-level instruction-set simulator (RV32IM, Zicsr, Zbb subset, XBNN).",
      "Stops on a write to tohost (1 = pass), exit (ecall a7=93) or the cycle limit. Exit status 0 on pass, 1 otherwise.",
      "See docs/sim.md for the memory map, traps, CSRs and timing models."
    })
final class SimCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE.elf", description = "An executable from blitz asm, GNU ld or a compiler.")
  Path file;

  /** The cycle limit without --max-cycles: an endless loop stops after a few seconds. */
  static final long DEFAULT_MAX_CYCLES = 500_000_000L;

  @Option(names = "--timing", paramLabel = "MODEL[:OPTIONS]", defaultValue = "ideal",
      description = "Timing model: ideal, cv32e40p or picorv32, with options, e.g. picorv32:wait=1,barrel=0 "
          + "(docs/sim.md; default: ${DEFAULT-VALUE}).")
  String timing;

  @Option(names = "--custom-latency", paramLabel = "CYCLES",
      description = "Cycles an XBNN instruction takes (default: the model's: 1, or 5 on picorv32).")
  Integer customLatency;

  @Option(names = "--max-cycles", paramLabel = "N",
      description = "Stop after N cycles (default: 500000000, a few seconds of simulation).")
  Long maxCycles;

  @Option(names = "--trap-misaligned", description = "Misaligned loads and stores trap (mcause 4/6) instead of being performed.")
  boolean trapMisaligned;

  @Option(names = "--trace", description = "Print each retired instruction (pc, disassembly, register written) to stderr.")
  boolean trace;

  @Option(names = "--profile", description = "Print the hottest instructions and loops to stderr after the run.")
  boolean profile;

  @Override
  public Integer call() {
    TimingModel model;
    try {
      model = TimingModel.parse(timing);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          ErrorCode.SIM_UNKNOWN_TIMING.code() + ": " + e.getMessage());
    }
    if (customLatency != null) {
      if (customLatency < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--custom-latency must be at least 1");
      }
      model = model.withCustomLatency(customLatency);
    }
    if (maxCycles != null && maxCycles < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-cycles must be positive");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile(file.toString()),
          "cannot read '" + file + "': " + e.getMessage()));
    }
    ElfFile elf = ElfFile.read(file.toString(), bytes);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Profiler profiler = profile ? new Profiler() : null;
    Tracer tracer = trace ? new Tracer(err) : null;
    RetireListener listener = null;
    if (tracer != null && profiler != null) {
      listener = RetireListener.both(tracer, profiler);
    } else if (tracer != null) {
      listener = tracer;
    } else if (profiler != null) {
      listener = profiler;
    }
    SimConfig config = SimConfig.defaults().withTiming(model).withTrapMisaligned(trapMisaligned)
        .withOutput(bytesOf(out), bytesOf(err)).withListener(listener)
        .withMaxCycles(maxCycles != null ? maxCycles : DEFAULT_MAX_CYCLES);
    SimResult result = Hart.load(file.toString(), elf, config).run();
    out.flush();
    if (profiler != null) {
      err.print(profiler.report(10));
    }
    if (result.stallCycles() > 0) {
      StringBuilder b = new StringBuilder("stall cycles:");
      for (StallCause c : StallCause.values()) {
        long n = result.stalls().get(c);
        if (n > 0) {
          b.append(' ').append(c.name().toLowerCase(Locale.ROOT).replace('_', '-')).append('=').append(n);
        }
      }
      err.println(b);
    }
    err.println(result.summary() + " timing=" + model.spec());
    if (result.status() == SimResult.Status.CYCLE_LIMIT) {
      err.println("blitz: the program did not stop within " + config.maxCycles() + " cycles; raise the limit with"
          + " --max-cycles N if it needs more");
    }
    err.flush();
    return result.passed() ? Blitz.OK : Blitz.USER_ERROR;
  }

  /** Where the program's bytes go: unchanged to the real stream when there is one, else decoded into the writer. */
  private static OutputStream bytesOf(PrintWriter writer) {
    return writer instanceof ByteWriter b ? new FlushingStream(b) : new WriterStream(writer);
  }

  /** The byte stream under a {@link ByteWriter}, taken fresh at each write so text and bytes stay in order. */
  private static final class FlushingStream extends OutputStream {
    private final ByteWriter writer;

    FlushingStream(ByteWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
      writer.bytes().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      writer.bytes().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      writer.bytes().flush();
    }
  }

  /** Bytes the program writes, decoded as UTF-8 into a plain PrintWriter at each flush (tests). */
  private static final class WriterStream extends OutputStream {
    private final PrintWriter writer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    WriterStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    @Override
    public void flush() {
      writer.print(pending.toString(StandardCharsets.UTF_8));
      writer.flush();
      pending.reset();
    }
  }
}
