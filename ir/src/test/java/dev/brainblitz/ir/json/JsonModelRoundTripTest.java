package dev.brainblitz.ir.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonModelRoundTripTest {

  static LongStream seeds() {
    return LongStream.range(0, 240);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void readOfWriteIsIdentityAndWritingIsStable(long seed) {
    Model model = RandomNetworks.network(seed).model();
    String json = JsonModelWriter.write(model);
    Model read = JsonModelReader.read("random.json", json).model();
    assertEquals(model, read);
    assertEquals(json, JsonModelWriter.write(model), "writing twice differs");
    assertEquals(json, JsonModelWriter.write(read), "writing what was read differs");
  }

  /** Equality of the model already implies equal scores; a few seeds show it end to end. */
  static LongStream someSeeds() {
    return seeds().filter(seed -> seed % 8 == 0);
  }

  @ParameterizedTest
  @MethodSource("someSeeds")
  void theModelReadBackComputesTheSameScores(long seed) {
    Network network = RandomNetworks.network(seed);
    Network read = JsonModelReader.read("random.json", JsonModelWriter.write(network.model()));
    for (var vector : RandomNetworks.vectors(seed, network, 20)) {
      assertEquals(new GoldenModel(network).infer(vector), new GoldenModel(read).infer(vector));
    }
  }

  @Test
  void theDocumentedExampleIsWhatTheWriterProduces() throws IOException {
    String golden = resource("tiny.json");
    assertEquals(golden, JsonModelWriter.write(TinyModel.model()));
    assertEquals(TinyModel.model(), JsonModelReader.read("tiny.json", golden).model());
  }

  @Test
  void readsCompactJsonWithEscapesAndNoBias() {
    String compact = "{\"format\":\"brain-blitz-model\",\"version\":1,\"name\":\"t\\u0069ny\",\"nodes\":["
        + "{\"op\":\"input\",\"name\":\"x\",\"kind\":\"bipolar\",\"size\":5},"
        + "{\"op\":\"dense\",\"name\":\"fc1\",\"source\":\"x\",\"outputs\":3,\"weights\":[\"0x15\",\"0xA\",\"0X0000001F\"]},"
        + "{\"op\":\"threshold\",\"name\":\"act1\",\"source\":\"fc1\",\"thresholds\":[[\"ge\",3],[\"le\",2],[\"ge\",1]]},"
        + "{\"op\":\"scores\",\"name\":\"out\",\"source\":\"act1\",\"classes\":2,\"weights\":[\"0x5\",\"0x2\"],"
        + "\"bias\":[1,-1]}]}";
    assertEquals(TinyModel.model(), JsonModelReader.read("compact.json", compact).model());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = JsonModelRoundTripTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
