package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.hdlgen.InputPort;
import dev.brainblitz.hdlgen.WeightStorage;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutionReport;
import dev.brainblitz.ir.exec.ExecutorOptions;
import dev.brainblitz.ir.exec.Executors;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Target board:icebreaker: the board top through its UART pins answers what the golden model does. */
class BoardSimulationTest {
  static ExecutionReport runBoard(Network network, String folds, List<InputVector> vectors, int partialBytes) {
    return runBoard(network, folds, vectors, partialBytes, InputPort.VECTOR);
  }

  static ExecutionReport runBoard(Network network, String folds, List<InputVector> vectors, int partialBytes,
      InputPort port) {
    return runBoard(network, folds, vectors, partialBytes, port, WeightStorage.AUTO);
  }

  static ExecutionReport runBoard(Network network, String folds, List<InputVector> vectors, int partialBytes,
      InputPort port, WeightStorage weights) {
    ExecutorOptions options = ExecutorOptions.DEFAULTS.withWorkDirectory(FpgaTesting.WORK)
        .with(FpgaTesting.folds(folds).withPort(port).withWeights(weights)).with(new BoardOptions(partialBytes));
    try (var executor = Executors.create("board:icebreaker", network, options)) {
      return executor.run(vectors);
    }
  }

  @Test
  void tinyRoundTripsThroughTheUart() {
    FpgaTesting.assumeVerilator("tinyRoundTrips");
    Network tiny = FpgaTesting.example("tiny");
    var vectors = RandomNetworks.vectors(7, tiny, 24);
    var report = runBoard(tiny, "fc1=1,1;out=1,1", vectors, 0);
    var golden = new GoldenModel(tiny);
    assertEquals(vectors.stream().map(golden::infer).toList(), report.results());
  }

  @Test
  void aHalfSentVectorIsDroppedAfterSilence() {
    FpgaTesting.assumeVerilator("halfSentVector");
    Network net = FpgaTesting.example("tiny-u8");
    var vectors = RandomNetworks.vectors(8, net, 12);
    var report = runBoard(net, "", vectors, 2);
    var golden = new GoldenModel(net);
    assertEquals(vectors.stream().map(golden::infer).toList(), report.results());
  }

  /**
   * With a stream-port engine the shell forwards each byte: round trips equal golden, and a half-sent
   * vector is completed with zero bytes in the engine and its answer dropped, so the next answers
   * are still the right ones.
   */
  @Test
  void aStreamPortEngineBehindTheForwardingShell() {
    FpgaTesting.assumeVerilator("streamPortBoard");
    Network net = FpgaTesting.example("tiny-u8");
    var vectors = RandomNetworks.vectors(9, net, 12);
    var golden = new GoldenModel(net);
    assertEquals(vectors.stream().map(golden::infer).toList(),
        runBoard(net, "fc1=1,1;out=1,1", vectors, 0, InputPort.STREAM).results());
    assertEquals(vectors.stream().map(golden::infer).toList(),
        runBoard(net, "fc1=1,1;out=1,1", vectors, 2, InputPort.STREAM).results());
  }

  /**
   * With SPRAM weights the host sends the weight words first (StreamProtocol: 2 bytes each, low
   * byte first) over the UART; the board's loader writes them, then the answers equal golden, also
   * after a half-sent vector.
   */
  @Test
  void spramWeightsAreLoadedOverTheUartFirst() {
    FpgaTesting.assumeVerilator("spramBoard");
    Network net = FpgaTesting.example("tiny-u8");
    var vectors = RandomNetworks.vectors(10, net, 12);
    var golden = new GoldenModel(net);
    assertEquals(vectors.stream().map(golden::infer).toList(),
        runBoard(net, "fc1=1,1;out=1,1", vectors, 2, InputPort.STREAM, WeightStorage.SPRAM).results());
  }
}
