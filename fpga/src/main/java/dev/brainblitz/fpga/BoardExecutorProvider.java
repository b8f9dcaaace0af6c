package dev.brainblitz.fpga;

import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.HarnessResults;
import dev.brainblitz.hdlgen.Verilator;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.Metric;
import dev.brainblitz.ir.exec.Metric.Unit;
import dev.brainblitz.ir.exec.Executor;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.ExecutorProvider;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Target {@code board:<board>} (e.g. {@code board:icebreaker}): the board top of {@code blitz fpga
 * --board} simulated in Verilator through its UART pins ({@link BoardSimulation}), one vector after
 * another as the host streams them, at {@link BoardSimulation#clksPerBit} cycles per bit. It takes
 * the rtl target's folding options ({@code RtlOptions}); {@link BoardOptions#partialBytes} first sends
 * that much of a vector and falls silent, to check that the board drops it.
 */
public final class BoardExecutorProvider implements ExecutorProvider {
  public static final String PREFIX = "board:";

  @Override
  public List<String> targets() {
    return Board.names().stream().map(n -> PREFIX + n).toList();
  }

  @Override
  public boolean accepts(String target) {
    return target.startsWith(PREFIX);
  }

  @Override
  public Executor create(String target, Network network, ExecutorOptions options) {
    Board board = Board.find(target.substring(PREFIX.length())).orElseThrow(() -> new ExecutorUnavailableException(
        "unknown board in target '" + target + "'; known: " + String.join(", ", targets())));
    FpgaTarget fpga = FpgaTarget.of(board, board.oscillatorMhz(), FpgaTarget.DEFAULT_BAUD);
    // the weights as 'blitz fpga --board' places them, so the simulated board top is the one it builds
    FoldingPlan plan = WeightPlacement.place(HardwareOptions.plan(network, options), fpga, 1).plan();
    int partial = options.get(BoardOptions.class).orElse(BoardOptions.DEFAULTS).partialBytes();
    FpgaProject project = FpgaProject.of(VerilogDesign.of(network, plan), fpga);
    int request = StreamProtocol.of(network).requestBytes();
    if (partial < 0 || partial >= request) {
      throw new ExecutorUnavailableException("BoardOptions.partialBytes must lie in [0, " + (request - 1) + "]: a vector of "
          + network.name() + " is " + request + " bytes");
    }
    Path work = options.workDirectory().orElseGet(Workspace::defaultDirectory);
    Verilator verilator = Verilator.find(work.resolve("verilator"));
    return new BoardExecutor(target, project, verilator, work, partial);
  }

  static final class BoardExecutor implements Executor {
    private final String target;
    private final FpgaProject project;
    private final Verilator verilator;
    private final Path work;
    private final int partial;
    private Verilator.Build build;
    private HarnessResults.Measured lastMeasured;

    BoardExecutor(String target, FpgaProject project, Verilator verilator, Path work, int partial) {
      this.target = target;
      this.project = project;
      this.verilator = verilator;
      this.work = work;
      this.partial = partial;
    }

    @Override
    public String target() {
      return target;
    }

    @Override
    public ExecutionReport run(List<InputVector> vectors) {
      if (build == null) {
        build = verilator.build(project.top(), BoardSimulation.sources(project), BoardSimulation.verilatorArguments(project));
      }
      int clksPerBit = BoardSimulation.clksPerBit(project);
      var arguments = new ArrayList<>(List.of(Integer.toString(clksPerBit),
          Long.toString(BoardSimulation.cyclesPerVectorBudget(project))));
      if (partial > 0) {
        arguments.add(Integer.toString(partial));
        arguments.add(Long.toString(2L * BoardSimulation.GAP_BITS * clksPerBit));
      }
      List<String> lines = HarnessRun.run(work.resolve("board-runs"), project.design(), vectors, build.executable(),
          arguments, "board simulation of " + project.top());
      HarnessResults parsed = HarnessResults.parse(lines);
      lastMeasured = parsed.measured();
      return new ExecutionReport(parsed.results(), List.of(
          Metric.of("request to answer (UART)", Unit.CYCLES, lastMeasured.iiMin()).upTo(lastMeasured.iiMax()),
          Metric.of("UART bit (simulated)", Unit.CYCLES, clksPerBit),
          Metric.of("UART bit (board)", Unit.CYCLES, project.target().clocksPerBit())));
    }
  }
}
