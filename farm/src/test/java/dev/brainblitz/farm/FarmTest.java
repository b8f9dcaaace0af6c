package dev.brainblitz.farm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.vectors.VectorFile;
import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.Program;
import dev.brainblitz.riscv.elf.ElfFile;
import dev.brainblitz.riscv.elf.ElfWriter;
import dev.brainblitz.riscv.lower.Harness;
import dev.brainblitz.riscv.lower.IlToRiscv;
import dev.brainblitz.riscv.lower.Isa;
import dev.brainblitz.riscv.lower.LoweredKernel;
import dev.brainblitz.sim.iss.Hart;
import dev.brainblitz.sim.iss.SimConfig;
import dev.brainblitz.sim.iss.SimResult;
import dev.brainblitz.sim.iss.TimingModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The farm on the loopback: one embedded member and a cluster of two members in this JVM (started
 * once for the class, as each takes a few seconds) give the same results, both members of the pair
 * run jobs, a planted bug is found and shrunk to its known smallest case, and a bad member list is
 * a clear error.
 */
class FarmTest {
  private static Farm alone;
  private static Farm first;
  private static Farm second;

  @BeforeAll
  static void start(@TempDir Path logs) throws IOException {
    alone = Farm.start(FarmSettings.embedded().withThreads(2).withLogFile(logs.resolve("hazelcast.log")));
    int portA = freePort();
    int portB = freePort();
    List<Member> pair = List.of(new Member(FarmSettings.LOOPBACK, portA), new Member(FarmSettings.LOOPBACK, portB));
    FarmSettings settings = FarmSettings.joining(pair, FarmSettings.LOOPBACK).withThreads(1)
        .withClusterName("farm-test-" + ProcessHandle.current().pid()).withLogFile(logs.resolve("hazelcast.log"));
    first = Farm.startWorker(settings.withPort(portA));
    second = Farm.start(settings.withPort(portB));
  }

  @AfterAll
  static void stop() {
    for (Farm farm : new Farm[] {second, first, alone}) {
      if (farm != null) {
        farm.close();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static ProgressLine quiet() {
    return new ProgressLine(new PrintWriter(new StringWriter()), "test", Long.MAX_VALUE);
  }

  @Test
  void twoMembersGiveTheResultsOfOneAndBothWork(@TempDir Path out) {
    assertEquals(2, first.members().size());
    var spec = new Regression.RegressSpec(10, 40, Shapes.SMALL, List.of("golden", "engine", "iss:rv32im"), 6);
    Regression.Report one = Regression.run(alone, spec, out.resolve("one"), quiet());
    Regression.Report two = Regression.run(first, spec, out.resolve("two"), quiet());
    assertEquals(one.results(), two.results());
    assertTrue(one.clean(), one.render());
    assertEquals(10, one.results().size());
    assertEquals(2, two.perMember().size(), "both members ran jobs: " + two.perMember());
    assertEquals(10, two.perMember().values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(one.results().stream().allMatch(r -> r.vectors() == 6 && r.verdicts().size() == 3));
    try {
      assertEquals(10, Files.readAllLines(out.resolve("two").resolve(Regression.RESULTS)).size());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void plantedBugIsShrunkToItsSmallestCase(@TempDir Path out) throws IOException {
    var spec = new Regression.RegressSpec(6, 7, Shapes.MIXED, List.of("golden", "planted"), 20);
    Regression.Report report = Regression.run(first, spec, out, quiet());
    assertFalse(report.clean());
    assertFalse(report.reproducers().isEmpty(), report.render());
    for (Regression.Reproducer r : report.reproducers()) {
      assertEquals("planted", r.target());
      Network network = ModelFiles.read(r.directory().resolve("model.bil"));
      assertEquals(PlantedBugExecutorProvider.BUGGY_INPUT + 1, network.inputSize(), r.directory().toString());
      assertEquals(0, network.layers().size());
      assertEquals(1, network.classes());
      Path vectorFile = r.directory().resolve("vectors.txt");
      List<InputVector> vectors = VectorFile.read(vectorFile.toString(), Files.readString(vectorFile), network.input());
      assertEquals(1, vectors.size());
      for (int i = 0; i < PlantedBugExecutorProvider.BUGGY_INPUT; i++) {
        assertEquals(0, vectors.get(0).element(i));
      }
      assertNotEquals(0, vectors.get(0).element(PlantedBugExecutorProvider.BUGGY_INPUT));
      assertTrue(RegressJob.compare(network, List.of("golden", "planted"), vectors,
          dev.brainblitz.ir.exec.ExecutorOptions.DEFAULTS).get(1).mismatches() > 0, "the reproducer still fails");
      assertTrue(r.command().startsWith("blitz verify " + r.directory().resolve("model.bil") + " -i "), r.command());
    }
  }

  /**
   * Convolutional networks on every software executor agree with golden; the planted bug in a
   * convolutional network shrinks to one vector, one class, one output channel in every conv2d and
   * at most one neuron after the flatten, with every element but the buggy one set to 0.
   */
  @Test
  void convolutionalNetworksRunAndShrink(@TempDir Path out) throws IOException {
    var clean = new Regression.RegressSpec(4, 11, Shapes.CONV,
        List.of("golden", "engine", "iss:rv32im", "iss:rv32im_zbb", "iss:rv32im_xbnn"), 5);
    Regression.Report report = Regression.run(alone, clean, out.resolve("clean"), quiet());
    assertTrue(report.clean(), report.render());
    assertTrue(report.results().stream().allMatch(r -> r.shape().contains("x")), report.render());

    var planted = new Regression.RegressSpec(6, 7, Shapes.CONV, List.of("golden", "planted"), 20);
    Regression.Report found = Regression.run(alone, planted, out.resolve("planted"), quiet());
    assertFalse(found.reproducers().isEmpty(), found.render());
    for (Regression.Reproducer r : found.reproducers()) {
      Network network = ModelFiles.read(r.directory().resolve("model.bil"));
      assertEquals(1, network.classes(), r.directory().toString());
      for (var layer : network.layers()) {
        if (layer instanceof dev.brainblitz.ir.ConvLayer conv) {
          assertEquals(1, conv.conv().outChannels(), r.directory() + ": " + conv.name());
        } else if (layer instanceof dev.brainblitz.ir.DenseLayer dense) {
          assertEquals(1, dense.outputs(), r.directory() + ": " + dense.name());
        }
      }
      Path vectorFile = r.directory().resolve("vectors.txt");
      List<InputVector> vectors = VectorFile.read(vectorFile.toString(), Files.readString(vectorFile), network.input());
      assertEquals(1, vectors.size());
      for (int i = 0; i < vectors.get(0).size(); i++) {
        assertEquals(i == PlantedBugExecutorProvider.BUGGY_INPUT, vectors.get(0).element(i) != 0, "element " + i);
      }
      assertTrue(RegressJob.compare(network, List.of("golden", "planted"), vectors,
          dev.brainblitz.ir.exec.ExecutorOptions.DEFAULTS).get(1).mismatches() > 0, "the reproducer still fails");
    }
  }

  @Test
  void badClusterAddressesAreClearErrors(@TempDir Path logs) throws IOException {
    assertEquals(FarmException.Code.CLUSTER_SYNTAX,
        assertThrows(FarmException.class, () -> Member.parseList("localhost:http")).code());
    assertEquals(FarmException.Code.CLUSTER_SYNTAX,
        assertThrows(FarmException.class, () -> Member.parseList("a:5701,,b")).code());
    FarmSettings nowhere = FarmSettings.joining(Member.parseList("no-such-host.invalid:5701"), FarmSettings.LOOPBACK)
        .withLogFile(logs.resolve("hazelcast.log"));
    assertEquals(FarmException.Code.CLUSTER_UNKNOWN_HOST,
        assertThrows(FarmException.class, () -> Farm.start(nowhere)).code());
  }

  /**
   * A RISC-V sweep on the farm measures what a direct run of the simulator measures: for every ISA
   * level and timing model, the cycles and instructions per inference equal the harness counters of
   * the kernel assembled with the vectors in .data and run on a fresh hart (no executor involved),
   * and the .text bytes equal the .text section of the kernel assembled alone.
   */
  @Test
  void riscvSweepCyclesEqualADirectSimulatorRun() {
    for (long seed : new long[] {3, 4}) {
      Network network = Shapes.SMALL.network(seed);
      List<String> isas = java.util.Arrays.stream(Isa.values()).map(Isa::keyword).toList();
      List<String> timings = List.of("ideal", "cv32e40p", "picorv32", "picorv32:wait=1,barrel=0");
      List<RiscvSweepJob> jobs = RiscvSweep.jobs(network, isas, timings, 5, 9);
      var outcomes = alone.runAll(jobs, new Farm.Listener<RiscvPoint>() {
        @Override
        public void finished(int index, FarmJob<RiscvPoint> job, Finished<RiscvPoint> finished, Farm.Counts counts) {}

        @Override
        public void failed(int index, FarmJob<RiscvPoint> job, Throwable error, Farm.Counts counts) {}
      });
      List<InputVector> vectors = dev.brainblitz.ir.random.RandomNetworks.vectors(9, network, 5);
      for (int i = 0; i < jobs.size(); i++) {
        assertTrue(outcomes.get(i).ok(), outcomes.get(i).error());
        RiscvPoint point = outcomes.get(i).finished().result();
        assertEquals(jobs.get(i).isa(), point.isa());
        assertEquals(jobs.get(i).timing(), point.timing());
        Isa isa = Isa.byKeyword(point.isa()).orElseThrow();
        long[] direct = directRun(network, isa, point.timing(), vectors);
        String what = network.name() + " " + point.isa() + " " + point.timing();
        assertEquals((double) direct[0] / vectors.size(), point.cyclesPerInference(), 0.0, what);
        assertEquals((double) direct[1] / vectors.size(), point.instructionsPerInference(), 0.0, what);
        assertEquals(textBytes(network, isa), point.textBytes(), what);
        assertTrue(point.cyclesPerInference() >= point.instructionsPerInference(), what);
      }
      // The timing models disagree on every ISA level: the sweep measures something.
      for (String isa : isas) {
        assertEquals(timings.size(), outcomes.stream().map(o -> o.finished().result())
            .filter(p -> p.isa().equals(isa)).mapToDouble(RiscvPoint::cyclesPerInference).distinct().count(), isa);
      }
    }
  }

  /** Cycles and instructions of the kernel over {@code vectors}, from the harness counters of a plain simulator run. */
  private static long[] directRun(Network network, Isa isa, String timing, List<InputVector> vectors) {
    LoweredKernel kernel = IlToRiscv.lower(network, isa);
    String source = kernel.assembly() + Harness.source(kernel, vectors, 0, Harness.Exit.TOHOST);
    ElfFile elf = ElfFile.read("direct.S", ElfWriter.write(Assembler.assemble("direct.S", source)));
    Hart hart = Hart.load("direct.S", elf, SimConfig.defaults().withTiming(TimingModel.parse(timing)));
    SimResult result = hart.run();
    assertTrue(result.passed(), result.summary());
    int counters = elf.symbol(kernel.model() + "_counters").orElseThrow();
    return new long[] {Integer.toUnsignedLong(hart.loadWord(counters)),
        Integer.toUnsignedLong(hart.loadWord(counters + 4))};
  }

  private static long textBytes(Network network, Isa isa) {
    Program program = Assembler.assemble("kernel.S", IlToRiscv.lower(network, isa).assembly());
    ElfFile elf = ElfFile.read("kernel.S", ElfWriter.write(program));
    return elf.sections().stream().filter(s -> s.name().equals(".text")).mapToLong(ElfFile.SectionHeader::size)
        .findFirst().orElseThrow();
  }

  /** A job that takes a while and returns its index: enough time for a member to die under it. */
  record SlowJob(int index, long millis) implements FarmJob<Integer> {
    @Override
    public Integer run() {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return index;
    }

    @Override
    public String describe() {
      return "slow job " + index;
    }
  }

  @Test
  void jobsOfAMemberThatDiesAreRunElsewhereOnce(@TempDir Path logs) throws IOException {
    FarmSettings settings = first.settings().withPort(freePort()).withLogFile(logs.resolve("hazelcast.log"));
    Farm doomed = Farm.start(settings);
    try {
      assertEquals(3, first.members().size());
      List<SlowJob> jobs = java.util.stream.IntStream.range(0, 24).mapToObj(i -> new SlowJob(i, 150)).toList();
      int[] calls = new int[jobs.size()];
      var outcomes = first.runAll(jobs, new Farm.Listener<Integer>() {
        @Override
        public void finished(int index, FarmJob<Integer> job, Finished<Integer> finished, Farm.Counts counts) {
          calls[index]++;
          if (counts.done() == 3) {
            doomed.terminate();
          }
        }

        @Override
        public void failed(int index, FarmJob<Integer> job, Throwable error, Farm.Counts counts) {
          calls[index]++;
        }
      });
      for (int i = 0; i < jobs.size(); i++) {
        assertTrue(outcomes.get(i).ok(), outcomes.get(i).error());
        assertEquals(i, outcomes.get(i).finished().result());
        assertEquals(1, calls[i], "job " + i + " reported once");
      }
      assertEquals(2, first.members().size());
    } finally {
      doomed.close();
    }
  }
}
