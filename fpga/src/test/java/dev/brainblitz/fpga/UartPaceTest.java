package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.hdlgen.ConvWindow;
import dev.brainblitz.hdlgen.FoldingPlan;
import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.StreamTiming;
import dev.brainblitz.hdlgen.VerilogDesign;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A board top whose first layer takes its pixels from the UART ({@code --input-port stream}) loses
 * a byte exactly when the cycle model ({@link StreamTiming#pace}) says it will: the board simulation
 * at the model's shortest safe bit time answers as golden does, one cycle per bit less lights the
 * red LED; and {@link FpgaProject#of} refuses such a board with FPG008.
 */
class UartPaceTest {

  /** Random conv networks with an 8-bit, one-channel image, folded fully (the slowest first layer). */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({
      // seed, the model's shortest safe interval between bytes (cycles), its first late pixel one cycle faster
      "58, 101, 10", // 3x5 image, 3x3 kernel, same padding, 11 channels
      "47, 53, 41", // 9x5 image, 1x1 kernel, stride 2, valid
  })
  void theBoardLosesAByteExactlyWhenTheModelSays(long seed, long shortest, int late) {
    Network network = RandomNetworks.convNetwork(seed);
    FoldingPlan plan = FoldingPlan.forTarget(network, Long.MAX_VALUE).withWindow(ConvWindow.LINE)
        .withPort(InputPort.STREAM);
    assertEquals(shortest, StreamTiming.shortestInterval(plan, 1 << 20));
    assertEquals(late, StreamTiming.pace(plan, shortest - 1).firstLate());
    int bitCycles = (int) ((shortest + 9) / 10);
    assertTrue(StreamTiming.pace(plan, 10L * bitCycles).keepsUp());
    assertFalse(StreamTiming.pace(plan, 10L * (bitCycles - 1)).keepsUp());

    FpgaTesting.assumeVerilator("uartPace");
    var vectors = RandomNetworks.vectors(seed, network, 3);
    var golden = new GoldenModel(network);
    assertEquals(vectors.stream().map(golden::infer).toList(), runBoard(network, plan, bitCycles, vectors));
    var lost = assertThrows(IllegalStateException.class, () -> runBoard(network, plan, bitCycles - 1, vectors));
    assertTrue(lost.getMessage().contains("vector 0, byte " + late + ": the red LED lit"), lost.getMessage());
  }

  /** FPG008 names the board's pace, the first late pixel and the fastest baud rate that keeps up. */
  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"58", "47"})
  void aBoardWhoseUartOutrunsTheFirstLayerIsRefused(long seed) {
    Network network = RandomNetworks.convNetwork(seed);
    FoldingPlan plan = FoldingPlan.forTarget(network, Long.MAX_VALUE).withWindow(ConvWindow.LINE)
        .withPort(InputPort.STREAM);
    long shortest = StreamTiming.shortestInterval(plan, 1 << 20);
    int bits = 1;
    while (UartPace.byteInterval(bits) < shortest) {
      bits++;
    }
    int safe = bits;
    var design = VerilogDesign.of(network, plan);
    FpgaProject.of(design, target(safe));
    var e = assertThrows(DiagnosticException.class, () -> FpgaProject.of(design, target(safe - 1)));
    var d = e.diagnostics().get(0);
    assertEquals(ErrorCode.FPGA_UART_PACE, d.code());
    StreamTiming.Pace pace = StreamTiming.pace(plan, UartPace.byteInterval(safe - 1));
    assertTrue(d.message().contains("pixel (row " + pace.lateRow() + ", column " + pace.lateColumn() + ")"),
        d.message());
    assertTrue(d.message().contains(String.format("so at most %,d baud", 12_000_000 / safe)), d.message());
  }

  private static FpgaTarget target(int bitCycles) {
    return FpgaTarget.of(Board.ICEBREAKER, 12, 12_000_000 / bitCycles);
  }

  /** The board simulation at {@code bitCycles} cycles per UART bit, without the pace check. */
  private static List<?> runBoard(Network network, FoldingPlan plan, int bitCycles,
      List<dev.brainblitz.ir.InputVector> vectors) {
    FpgaProject project = FpgaProject.withoutPaceCheck(VerilogDesign.of(network, plan), target(bitCycles));
    assertEquals(bitCycles, BoardSimulation.clksPerBit(project));
    var verilator = dev.brainblitz.hdlgen.Verilator.find(FpgaTesting.WORK.resolve("verilator"));
    try (var board = new BoardExecutorProvider.BoardExecutor("board:icebreaker", project, verilator, FpgaTesting.WORK,
        0)) {
      return board.run(vectors).results();
    }
  }
}
