package dev.brainblitz.fpga;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte format of the shell and the board, and the host client against a model of the board. */
class StreamProtocolTest {
  @TempDir Path temp;

  @Test
  void bipolarElementsArePackedLeastSignificantBitFirst() {
    var p = new StreamProtocol(InputKind.BIPOLAR, 10, 3, 2);
    assertEquals(2, p.requestBytes());
    assertEquals(1 + 12, p.answerBytes());
    assertArrayEquals(new byte[] {(byte) 0b1000_0101, 0b10},
        p.request(InputVector.of(InputKind.BIPOLAR, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1)));
  }

  @Test
  void u8ElementsAreOneBytePerElementAndScoresLittleEndian() {
    var p = new StreamProtocol(InputKind.U8, 3, 2, 1);
    assertArrayEquals(new byte[] {7, (byte) 200, 0}, p.request(InputVector.of(InputKind.U8, 7, 200, 0)));
    byte[] answer = p.answerOf(InferenceResult.reported(new int[] {-2, 0x01020304}, 1));
    assertArrayEquals(new byte[] {1, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 4, 3, 2, 1}, answer);
    assertEquals(InferenceResult.reported(new int[] {-2, 0x01020304}, 1), p.answer(answer));
  }

  @Test
  void classesBeyond256TakeTwoBytes() {
    var p = new StreamProtocol(InputKind.BIPOLAR, 1, 300, 9);
    assertEquals(2, p.classBytes());
    int[] scores = new int[300];
    scores[299] = 5;
    var result = InferenceResult.reported(scores, 299);
    assertEquals(result, p.answer(p.answerOf(result)));
  }

  @Test
  void aVectorOfTheWrongShapeIsRefused() {
    var p = new StreamProtocol(InputKind.U8, 3, 2, 1);
    assertThrows(IllegalArgumentException.class, () -> p.request(InputVector.of(InputKind.U8, 1, 2)));
  }

  @Test
  void theClientGetsTheGoldenAnswersFromAModelOfTheBoard() {
    for (long seed = 0; seed < 6; seed++) {
      Network network = RandomNetworks.network(seed);
      var vectors = RandomNetworks.vectors(seed, network, 30);
      var client = new BoardClient(StreamProtocol.of(network), new BoardModel(network, 1), 3_000_000, "model");
      var golden = new GoldenModel(network);
      assertEquals(vectors.stream().map(golden::infer).toList(), client.run(vectors, done -> { }), network.name());
    }
  }

  /** A design with SPRAM weights: the client sends the WeightLoad words (2 bytes each, low first) before the vectors. */
  @Test
  void theClientSendsSpramWeightsFirst() {
    Network network = RandomNetworks.network(4);
    var plan = dev.brainblitz.hdlgen.FoldingPlan.forTarget(network, 8).withWeights(dev.brainblitz.hdlgen.WeightStorage.SPRAM);
    var protocol = StreamProtocol.of(network, plan);
    var words = dev.brainblitz.hdlgen.WeightLoad.stream(network, plan);
    assertTrue(protocol.loadWords() > 0 && protocol.loadWords() == words.size(), "some SPRAM weights");
    byte[] load = protocol.load(words);
    assertEquals(words.get(0) & 0xff, load[0] & 0xff);
    assertEquals(words.get(0) >>> 8, load[1] & 0xff);
    var board = new BoardModel(network, protocol);
    var vectors = RandomNetworks.vectors(2, network, 10);
    var golden = new GoldenModel(network);
    assertEquals(vectors.stream().map(golden::infer).toList(),
        new BoardClient(protocol, board, 3_000_000, "model", load).run(vectors, done -> { }));
    org.junit.jupiter.api.Assertions.assertArrayEquals(load, board.loaded());
  }

  @Test
  void aBoardThatStaysSilentIsAClearError() {
    Network network = RandomNetworks.network(3);
    var client = new BoardClient(StreamProtocol.of(network), new BoardModel(network, 2), 3_000_000, "model");
    var vectors = RandomNetworks.vectors(1, network, 4);
    var e = assertThrows(DiagnosticException.class, () -> client.run(vectors, done -> { }));
    assertEquals(ErrorCode.FPGA_BOARD_PROTOCOL, e.diagnostics().get(0).code());
    assertTrue(e.getMessage().contains("vector 1: the board answered 0 of"), e.getMessage());
  }

  @Test
  void aMissingPortOrAFileThatIsNoTerminalIsAClearError() throws Exception {
    var missing = assertThrows(DiagnosticException.class, () -> SerialPort.open(temp.resolve("ttyNONE"), 115200));
    assertEquals(ErrorCode.FPGA_PORT, missing.diagnostics().get(0).code());
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    Path plain = Files.writeString(temp.resolve("not-a-tty"), "");
    var notTty = assertThrows(DiagnosticException.class, () -> SerialPort.open(plain, 115200));
    assertEquals(ErrorCode.FPGA_PORT, notTty.diagnostics().get(0).code());
    assertTrue(notTty.getMessage().contains("cannot configure"), notTty.getMessage());
  }

  @Test
  void theSttyCommandSetsRawEightNOneWithShortReadTimeouts() {
    var command = SerialPort.sttyCommand(Path.of("/dev/ttyUSB1"), 115200);
    assertTrue(String.join(" ", command).matches("stty -[Ff] /dev/ttyUSB1 115200 raw -echo cs8 -cstopb -parenb "
        + "-crtscts -ixon -ixoff clocal min 0 time 1"), command.toString());
  }
}
