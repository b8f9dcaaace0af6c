package dev.brainblitz.sim.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brainblitz.hdlgen.Harness;
import dev.brainblitz.hdlgen.Verilator;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import dev.brainblitz.riscv.unit.PcpiAdapter;
import dev.brainblitz.riscv.unit.UnitInterface;
import dev.brainblitz.riscv.unit.XbnnUnit;
import dev.brainblitz.sim.iss.Picorv32Timing;
import dev.brainblitz.sim.iss.Xbnn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PCPI adapter's Verilog in Verilator, driven the way PicoRV32 drives its co-processor
 * interface, against the simulator's definition of each instruction ({@link Xbnn#execute}): per
 * function 100,000 seeded random operand triples (and random rd, rs1, rs2 fields) plus every
 * combination of edge operands, shuffled with instructions that are not the adapter's (reserved
 * custom-0 words, the M extension's, other opcodes), which it must leave unanswered, under random
 * gaps between instructions and noise on the operands while pcpi_valid is low. Every answer must
 * come exactly {@link PcpiAdapter#LATENCY} cycle after pcpi_valid rises, with pcpi_wait up until
 * then, and equal the simulator's.
 */
class XbnnPcpiRtlTest {
  static final Path WORK = XbnnUnitRtlTest.WORK;
  static final int RANDOM_PER_FUNCTION = 100_000;
  static final int FOREIGN = 20_000;

  static Verilator verilator;

  @BeforeAll
  static void needVerilator() {
    verilator = XbnnUnitRtlTest.verilatorOrSkip("XbnnPcpiRtlTest");
  }

  /** An instruction as the core offers it, and the answer expected (null: none, it is not the adapter's). */
  record Offer(int insn, int rs1, int rs2, int rs3, int hold, Integer expected) {
    String line() {
      return String.format("%08x %08x %08x %08x %d", insn, rs1, rs2, rs3, hold);
    }
  }

  static Offer ours(Random random, Opcode op, int a, int b, int acc) {
    int insn = Instruction.of(op, random.nextInt(32), random.nextInt(32), random.nextInt(32), 0).encode();
    return new Offer(insn, a, b, acc, 0, Xbnn.execute(op, a, b, acc));
  }

  static List<Offer> offers(long seed) {
    var random = new Random(seed);
    var offers = new ArrayList<Offer>();
    for (XbnnUnit.Function f : XbnnUnit.functions()) {
      for (int a : XbnnUnitRtlTest.EDGE_OPERANDS) {
        for (int b : XbnnUnitRtlTest.EDGE_OPERANDS) {
          for (int acc : XbnnUnitRtlTest.EDGE_ACCUMULATORS) {
            offers.add(ours(random, f.opcode(), a, b, acc));
          }
        }
      }
      for (int k = 0; k < RANDOM_PER_FUNCTION; k++) {
        offers.add(ours(random, f.opcode(), random.nextInt(), random.nextInt(), random.nextInt()));
      }
    }
    Set<Integer> known = XbnnUnit.functions().stream().map(XbnnUnit.Function::id).collect(Collectors.toSet());
    for (int k = 0; k < FOREIGN; k++) {
      offers.add(foreign(random, k, known));
    }
    Collections.shuffle(offers, random);
    return offers;
  }

  /**
   * The k-th instruction that is not the adapter's (given the function ids it knows): in turn a
   * reserved custom-0 word, one of mul ... remu, any other word; held as long as the multiplier or
   * the core's PCPI timeout would keep it offered.
   */
  static Offer foreign(Random random, int k, Set<Integer> known) {
    int insn = switch (k % 3) {
      case 0 -> { // a reserved custom-0 word: the core's PCPI timeout makes it an illegal instruction
        int id;
        do {
          id = random.nextInt(1 << XbnnUnit.FUNCTION_ID_BITS);
        } while (known.contains(id));
        yield (id >>> 3) << 25 | (id & 7) << 12 | (random.nextInt() & 0x01ff8f80) | Opcode.CUSTOM_0;
      }
      case 1 -> // mul ... remu, answered by PicoRV32's own multiplier and divider
          Instruction.of(Opcode.values()[Opcode.MUL.ordinal() + random.nextInt(8)], random.nextInt(32),
              random.nextInt(32), random.nextInt(32), 0).encode();
      default -> { // any other word
        int word;
        do {
          word = random.nextInt();
        } while ((word & 0x7f) == Opcode.CUSTOM_0);
        yield word;
      }
    };
    // As long as the multiplier (40 or 72 cycles) or the 16-cycle timeout would keep it offered.
    return new Offer(insn, random.nextInt(), random.nextInt(), random.nextInt(), 1 + random.nextInt(72), null);
  }

  @Test
  void lintCleanUnderVerilatorWall() throws IOException {
    Path dir = Files.createDirectories(WORK.resolve("lint-pcpi"));
    for (var file : UnitInterface.PCPI.files().entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    assertEquals("", verilator.lint(dir.resolve(PcpiAdapter.FILE_NAME)));
  }

  /** Synthesizable: Yosys maps adapter and unit to gates and flip-flops with no warning or problem. */
  @Test
  void yosysSynthesizesIt() throws Exception {
    assumeTrue(XbnnUnitRtlTest.yosysInstalled(), "Yosys is not installed: install the Debian package yosys to run this test");
    Path dir = Files.createDirectories(WORK.resolve("yosys-pcpi"));
    StringBuilder read = new StringBuilder();
    for (var file : UnitInterface.PCPI.files().entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
      read.append("read_verilog ").append(dir.resolve(file.getKey())).append("; ");
    }
    Process p = new ProcessBuilder("yosys", "-q", "-p", read + "synth -top " + PcpiAdapter.MODULE + "; check -assert")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "yosys timed out");
    assertEquals(0, p.exitValue(), output);
    assertEquals("", output.strip(), "yosys warnings");
  }

  @ParameterizedTest(name = "extra gap {0}%, seed {1}")
  @CsvSource({"0, 1", "50, 2", "90, 3"})
  void answersItsOwnInstructionsOnceOnTimeAndEqualToTheSimulator(int gapPercent, long seed) throws Exception {
    List<Offer> offers = offers(seed);
    var sources = new LinkedHashMap<>(UnitInterface.PCPI.files());
    sources.put("harness.cpp", harness());
    var arguments = new ArrayList<>(Harness.verilatorArguments(PcpiAdapter.MODULE, false, "-O1"));
    arguments.add(XbnnUnit.FILE_NAME);
    Verilator.Build build = verilator.build(PcpiAdapter.MODULE, sources, arguments);

    List<String> lines = XbnnUnitRtlTest.Testbench.run(build, offers.stream().map(Offer::line).toList(),
        Integer.toString(gapPercent), Long.toString(seed)).lines();
    assertEquals(offers.size(), lines.size(), "answers lost or invented");
    for (int k = 0; k < offers.size(); k++) {
      Offer o = offers.get(k);
      String line = lines.get(k);
      String expected = o.expected() == null ? "silent" : String.format("%d %08x", PcpiAdapter.LATENCY, o.expected());
      if (!line.equals(expected)) {
        throw new AssertionError(String.format("instruction %d (%s): expected '%s', got '%s'", k, o.line(), expected, line));
      }
    }
  }

  /**
   * PicoRV32 spends 4 cycles of its own on a PCPI instruction (fetch, ld_rs1, the cycle pcpi_valid
   * rises in, the fetch that writes rd) plus the co-processor's latency (docs/sim.md).
   */
  @Test
  void picorv32TimingModelDefaultsToThisAdapter() {
    assertEquals(PcpiAdapter.LATENCY, Picorv32Timing.DEFAULT_UNIT_LATENCY);
    assertEquals(4 + PcpiAdapter.LATENCY, new Picorv32Timing().customLatency());
  }

  private static String harness() throws IOException {
    return XbnnUnitRtlTest.resource("xbnn_pcpi_harness.cpp");
  }
}
