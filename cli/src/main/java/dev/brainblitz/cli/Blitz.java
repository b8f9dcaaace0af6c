package dev.brainblitz.cli;

import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code blitz} command. Exit status: 0 ok, 1 user error or mismatch, 2 usage error, 3
 * internal error (the only case that prints a stack trace).
 */
@Command(
    name = "blitz",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Binarized neural networks to Verilog and RISC-V firmware, proven against a golden model.",
    subcommands = {
      CheckCommand.class,
      FmtCommand.class,
      ConvertCommand.class,
      FoldCommand.class,
      ImportCommand.class, ExportCommand.class,
      TrainCommand.class,
      OptCommand.class,
      InferCommand.class,
      VerifyCommand.class,
      RobustnessCommand.class,
      RegressCommand.class, SweepCommand.class, WorkerCommand.class,
      VerilogCommand.class,
      FpgaCommand.class,
      BoardRunCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      AsmCommand.class,
      DisasmCommand.class,
      SimCommand.class,
      RiscvCommand.class,
      RiscvUnitCommand.class,
      CBaselineCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:ok",
      " 1:user error (bad input file) or a mismatch between targets",
      " 2:usage error (bad command line)",
      " 3:internal error (a bug in blitz: please report it with the stack trace)"
    })
public final class Blitz implements Runnable {
  public static final int OK = 0;
  public static final int USER_ERROR = 1;
  public static final int USAGE_ERROR = 2;
  public static final int INTERNAL_ERROR = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  public static void main(String[] args) {
    var out = new ByteWriter(System.out);
    var err = new ByteWriter(System.err);
    int status = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs {@code blitz args}, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    var commandLine = new CommandLine(new Blitz());
    reflowDescriptions(commandLine);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(Blitz::handle);
    commandLine.setParameterExceptionHandler((e, a) -> {
      err.println("blitz: " + e.getMessage());
      var command = e.getCommandLine();
      err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
      return USAGE_ERROR;
    });
    Notes.to(err);
    int status;
    try {
      status = commandLine.execute(args);
    } finally {
      Notes.to(null);
    }
    out.flush();
    err.flush();
    return status;
  }

  /**
   * Joins the lines of every command's description into sentences: the source keeps them short
   * for reading, and picocli, which prints each line as given and wraps it at the usage width,
   * would otherwise break sentences in odd places. A line that ends a sentence ('.' or ':') still
   * ends its printed line.
   */
  static void reflowDescriptions(CommandLine commandLine) {
    var usage = commandLine.getCommandSpec().usageMessage();
    String[] lines = usage.description();
    var joined = new java.util.ArrayList<String>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(line.strip());
      if (line.endsWith(".") || line.endsWith(":") || line.isBlank()) {
        joined.add(current.toString());
        current.setLength(0);
      }
    }
    if (current.length() > 0) {
      joined.add(current.toString());
    }
    usage.description(joined.toArray(String[]::new));
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      reflowDescriptions(sub);
    }
  }

  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof DiagnosticException diagnostics) {
      err.print(diagnostics.render());
      return USER_ERROR;
    }
    if (e instanceof ExecutorUnavailableException || e instanceof UserException) {
      err.println("blitz: error: " + e.getMessage());
      return USER_ERROR;
    }
    err.println("blitz: internal error: this is a bug in blitz, please report it with what follows.");
    e.printStackTrace(err);
    return INTERNAL_ERROR;
  }
}
