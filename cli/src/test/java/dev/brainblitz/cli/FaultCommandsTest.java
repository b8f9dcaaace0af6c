package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static dev.brainblitz.cli.BlitzTest.repo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.faults.FaultClass;
import dev.brainblitz.ir.faults.FaultSpec;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.testing.ExternalTools;
import dev.brainblitz.train.data.Dataset;
import dev.brainblitz.train.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify --faults, fault files, and blitz robustness as a user runs them. */
class FaultCommandsTest {
  @TempDir Path temp;

  @Test
  void goldenAndEngineAgreeUnderEveryFaultClass() {
    var run = blitz("verify", "fashion-mlp", "--vectors", "300", "--faults",
        "weights=1e-2,thresholds=1e-2,stuck0=1e-3,stuck1=1e-3,input=1e-3,activations=1e-2", "--fault-seed", "5");
    assertEquals(Blitz.OK, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("faults weights=1e-2,thresholds=1e-2,stuck0=1e-3,stuck1=1e-3,input=1e-3,"
        + "activations=1e-2 (fault seed 5)"), run.out());
    assertTrue(run.out().contains("OK: golden, engine agree bit-exactly on 300 vectors"), run.out());
  }

  /** Static and input faults reach the RTL (its memory files) and the ISS (its weight constants). */
  @Test
  void rtlAndIssAgreeWithTheFaultyGoldenModel() {
    ExternalTools.require("verilator", "verilator", "FaultCommandsTest");
    var run = blitz("verify", "tiny-u8", "--targets", "golden,engine,rtl,iss:rv32im", "--vectors", "60",
        "--faults", "weights=0.05,thresholds=0.05,stuck0=0.02,stuck1=0.02,input=0.01", "--fault-seed", "3");
    assertEquals(Blitz.OK, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("OK: golden, engine, rtl, iss:rv32im agree bit-exactly on 60 vectors"), run.out());
  }

  /** The output directory is checked before the trials run: a file there, or the model itself. */
  @Test
  void robustnessRefusesAnOutputThatIsAFileBeforeItRuns() throws IOException {
    Path model = Files.writeString(temp.resolve("m.bil"), Files.readString(
        repo("examples/models/fashion-mlp.bil")));
    var itself = blitz("robustness", model.toString(), "--limit", "20", "-o", model.toString());
    assertEquals(2, itself.status(), itself.err());
    assertTrue(itself.err().contains("is an input of this command"), itself.err());
    Path file = Files.writeString(temp.resolve("report"), "x");
    var aFile = blitz("robustness", "fashion-mlp", "--limit", "20", "-o", file.toString());
    assertEquals(2, aFile.status(), aFile.err());
    assertTrue(aFile.err().contains("-o '" + file + "' is a file; this command writes a directory of files there"),
        aFile.err());
    assertTrue(aFile.out().isEmpty(), "nothing ran: " + aFile.out());
  }

  @Test
  void aFaultFileAndItsErrorsWithPositions() throws IOException {
    Path good = temp.resolve("sram.faults");
    Files.writeString(good, "# low-voltage SRAM\nweights = 1e-2\nseed = 9\n");
    var run = blitz("verify", "tiny", "--vectors", "20", "--faults", good.toString());
    assertEquals(Blitz.OK, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("faults weights=1e-2 (fault seed 9)"), run.out());

    Path bad = temp.resolve("bad.faults");
    Files.writeString(bad, "weights = 1e-2\nactivations = 3\n");
    var error = blitz("verify", "tiny", "--faults", bad.toString());
    assertEquals(Blitz.USER_ERROR, error.status(), error.err());
    assertTrue(error.err().contains("FLT003") && error.err().contains(bad + ":2:15"), error.err());
    assertNoStackTrace(error);
  }

  /** The CSV holds exactly what the engine computes for each trial, and does not depend on the threads. */
  @Test
  void robustnessWritesTableCsvAndPlotDeterministically() throws IOException {
    Path data = repo("examples/data/fashion-mnist-test-1000");
    String[] common = {"robustness", "fashion-mlp", "--data", data.toString(), "--limit", "200", "--trials", "2",
        "--rates", "1e-2,1e-1", "--fault-seed", "4", "--teacher-accuracy", "90.24"};
    var one = blitz(concat(common, "--threads", "1", "-o", temp.resolve("one").toString()));
    assertEquals(Blitz.OK, one.status(), one.out() + one.err());
    var three = blitz(concat(common, "--threads", "3", "-o", temp.resolve("three").toString()));
    assertEquals(Blitz.OK, three.status(), three.out() + three.err());
    for (String file : List.of("robustness.csv", "robustness-summary.csv")) {
      assertEquals(Files.readString(temp.resolve("one").resolve(file)), Files.readString(temp.resolve("three").resolve(file)));
    }
    byte[] png = Files.readAllBytes(temp.resolve("one/robustness.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));

    Network network = ModelFiles.read(repo("examples/models/fashion-mlp.bil"));
    ImageSet set = Dataset.named("fashion-mnist").load(data, Dataset.Split.TEST).first(200);
    var inputs = Robustness.Inputs.of(network, set);
    List<String> rows = Files.readAllLines(temp.resolve("one/robustness.csv"));
    assertEquals("model,faults_on,rate,trial,fault_seed,correct,total,accuracy", rows.get(0));
    assertEquals(5, rows.size());
    int expected = Robustness.correct(network, FaultSpec.of(FaultClass.WEIGHTS, 1e-1, 5), inputs, 1);
    assertTrue(rows.get(4).startsWith("fashion-mlp,weights,1e-1,1,5," + expected + ",200,"), rows.get(4));
    assertTrue(expected < Robustness.correct(network, FaultSpec.NONE, inputs, 1), "faults cost accuracy");
    assertTrue(one.out().contains("float teacher: 90.24% (given)"), one.out());
    assertFalse(one.out().contains("Exception"));
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
