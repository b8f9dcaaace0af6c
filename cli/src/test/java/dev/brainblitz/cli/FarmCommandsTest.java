package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blitz regress}, {@code sweep} and {@code worker} as a user runs them: a small embedded
 * regression and sweep end to end, and bad {@code --cluster} addresses as clear errors (one test
 * per member start, as each costs seconds).
 */
class FarmCommandsTest {
  @Test
  void regressRunsEmbeddedAndReportsEveryTarget(@TempDir Path out) throws IOException {
    var run = blitz("regress", "--nets", "4", "--shapes", "small", "--vectors", "5", "--targets", "golden,engine",
        "--threads", "1", "-o", out.toString());
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("farm: 1 member (127.0.0.1:"), run.out());
    assertTrue(run.out().contains("networks 4 of 4, 5 vectors each (20 in all), shapes small, seed 1"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("engine\\s+0 failed\\s+0\\s+0")), run.out());
    assertEquals(4, Files.readAllLines(out.resolve("results.jsonl")).size());
    assertTrue(!run.out().contains("Hazelcast") || run.out().contains("Hazelcast's log"), "no Hazelcast banner");
  }

  /** An output path through an existing file: the streamed results file is a user error, not a crash. */
  @Test
  void aResultsDirectoryThroughAFileIsAClearError(@TempDir Path temp) throws IOException {
    Path file = Files.writeString(temp.resolve("m.bil"), "not a directory");
    var run = blitz("sweep", "tiny", "--riscv", "--isa", "rv32im", "--timing", "ideal", "-o", file.toString());
    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.err().contains("error[BIL092]: cannot write '" + file.resolve("riscv.jsonl") + "': '" + file
        + "' exists and is not a directory"), run.err());
    assertNoStackTrace(run);
    assertEquals("not a directory", Files.readString(file));
  }

  @Test
  void sweepWritesTableAndPlot(@TempDir Path out) throws IOException {
    var run = blitz("sweep", "tiny", "--target-cycles", "1,4,16,1000000", "--threads", "1", "-o", out.toString());
    assertEquals(0, run.status(), run.out() + run.err());
    var csv = Files.readAllLines(out.resolve("sweep.csv"));
    assertTrue(csv.get(0).startsWith("device,target_cycles,folds,ii,"), csv.get(0));
    assertTrue(csv.size() >= 3, String.join("\n", csv));
    assertTrue(csv.stream().skip(1).anyMatch(l -> l.endsWith(",true")), "a Pareto point");
    byte[] png = Files.readAllBytes(out.resolve("pareto.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    assertTrue(Files.readString(out.resolve("sweep.json")).contains("\"pareto\" : true"));
    assertEquals(csv.size() - 1, Files.readAllLines(out.resolve("sweep.jsonl")).size(), "every point streamed");
    assertTrue(run.out().contains("\nest. LUT: CostModel's estimate (on designs left out of its fit, the LUT estimate was"
        + " within +-20% of Yosys for "), "the estimate is labelled with its measured error: " + run.out());
  }

  @Test
  void riscvSweepWritesTableAndStreamsPoints(@TempDir Path out) throws IOException {
    var run = blitz("sweep", "tiny", "--riscv", "--isa", "rv32im,rv32im_xbnn", "--timing", "cv32e40p,picorv32",
        "--vectors", "3", "--threads", "1", "-o", out.toString());
    assertEquals(0, run.status(), run.out() + run.err());
    var csv = Files.readAllLines(out.resolve("riscv.csv"));
    assertEquals("isa,timing,vectors,cycles_per_inference,instructions_per_inference,text_bytes,rodata_bytes,"
        + "stack_bytes,pareto", csv.get(0));
    assertEquals(5, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(1).startsWith("rv32im,\"cv32e40p\",3,"), csv.get(1));
    assertTrue(csv.stream().skip(1).anyMatch(l -> l.startsWith("rv32im_xbnn,") && l.endsWith(",true")), "xbnn on the front");
    assertEquals(4, Files.readAllLines(out.resolve("riscv.jsonl")).size());
    assertTrue(Files.readString(out.resolve("riscv.json")).contains("\"textBytes\""));
    assertTrue(run.out().contains("rv32im_xbnn") && run.out().contains("cycles/inf"), run.out());
  }

  @Test
  void riscvSweepOptionsAreChecked() {
    var synth = blitz("sweep", "tiny", "--riscv", "--synth");
    assertEquals(Blitz.USAGE_ERROR, synth.status(), synth.err());
    assertTrue(synth.err().contains("--synth belongs to an FPGA sweep"), synth.err());
    var isa = blitz("sweep", "tiny", "--riscv", "--isa", "rv64gc");
    assertEquals(Blitz.USAGE_ERROR, isa.status(), isa.err());
    assertTrue(isa.err().contains("unknown --isa 'rv64gc'"), isa.err());
    var timing = blitz("sweep", "tiny", "--riscv", "--timing", "rocket");
    assertEquals(Blitz.USAGE_ERROR, timing.status(), timing.err());
    assertTrue(timing.err().contains("SIM"), timing.err());
    var stray = blitz("sweep", "tiny", "--isa", "rv32im");
    assertEquals(Blitz.USAGE_ERROR, stray.status(), stray.err());
    assertTrue(stray.err().contains("add --riscv"), stray.err());
    assertNoStackTrace(timing);
  }

  @Test
  void malformedClusterIsAUsageError() {
    var run = blitz("regress", "--nets", "1", "--cluster", "localhost:http");
    assertEquals(Blitz.USAGE_ERROR, run.status(), run.err());
    assertTrue(run.err().contains("FRM001"), run.err());
    assertNoStackTrace(run);
  }

  @Test
  void unknownClusterHostIsAUserError() {
    var run = blitz("regress", "--nets", "1", "--cluster", "no-such-host.invalid:5701");
    assertEquals(Blitz.USER_ERROR, run.status(), run.err());
    assertTrue(run.err().contains("FRM002") && run.err().contains("no-such-host.invalid"), run.err());
    assertNoStackTrace(run);
  }
}
