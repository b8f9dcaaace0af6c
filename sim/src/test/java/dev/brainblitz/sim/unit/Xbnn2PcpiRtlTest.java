package dev.brainblitz.sim.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.hdlgen.Harness;
import dev.brainblitz.hdlgen.Verilator;
import dev.brainblitz.riscv.isa.Form;
import dev.brainblitz.riscv.isa.Instruction;
import dev.brainblitz.riscv.isa.Opcode;
import dev.brainblitz.riscv.unit.PcpiAdapter;
import dev.brainblitz.riscv.unit.UnitInterface;
import dev.brainblitz.riscv.unit.XbnnUnit;
import dev.brainblitz.sim.iss.Xbnn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The XBNN2 unit behind its PCPI adapter ({@code xbnn2_pcpi}) in Verilator, driven as PicoRV32
 * drives PCPI (the testbench of {@link XbnnPcpiRtlTest}), against one {@link Xbnn.Unit} stepped
 * through the same instructions: 20,000 random instructions per function with random register fields
 * (those the form fixes left zero), shuffled with instructions that are not the adapter's (as in
 * {@link XbnnPcpiRtlTest}, plus XBNN2 words whose fixed register fields are not zero, which are
 * reserved). Each of ours must be answered once, one cycle after pcpi_valid rises, with the value of
 * the simulator's unit in that state; the others never.
 */
class Xbnn2PcpiRtlTest {
  static final XbnnUnit.Revision REVISION = XbnnUnit.Revision.XBNN2;
  static final int RANDOM_PER_FUNCTION = 20_000;
  static final int FOREIGN = 6_000;

  static Verilator verilator;

  @BeforeAll
  static void needVerilator() {
    verilator = XbnnUnitRtlTest.verilatorOrSkip("Xbnn2PcpiRtlTest");
  }

  /** An instruction before the state is known: ours (op not null) or not the adapter's. */
  private record Pending(Opcode op, XbnnPcpiRtlTest.Offer offer) {}

  static List<XbnnPcpiRtlTest.Offer> offers(long seed) {
    var random = new Random(seed);
    List<XbnnUnit.Function> functions = XbnnUnit.functions(REVISION);
    var pending = new ArrayList<Pending>();
    for (XbnnUnit.Function f : functions) {
      Form form = f.opcode().form();
      for (int k = 0; k < RANDOM_PER_FUNCTION; k++) {
        int insn = Instruction.of(f.opcode(), form.usesRd() ? random.nextInt(32) : 0, random.nextInt(32),
            form.usesRs2() ? random.nextInt(32) : 0, 0).encode();
        pending.add(new Pending(f.opcode(),
            new XbnnPcpiRtlTest.Offer(insn, random.nextInt(), random.nextInt(), random.nextInt(), 0, null)));
      }
    }
    Set<Integer> known = functions.stream().map(XbnnUnit.Function::id).collect(Collectors.toSet());
    for (int k = 0; k < FOREIGN; k++) {
      pending.add(new Pending(null, XbnnPcpiRtlTest.foreign(random, k, known)));
    }
    for (int k = 0; k < FOREIGN / 3; k++) {
      // bppush with rd not zero, bpget with rs2 not zero: reserved words, left to the core's timeout.
      int insn = k % 2 == 0
          ? Opcode.BPPUSH.match() | (1 + random.nextInt(31)) << 7 | random.nextInt(1 << 10) << 15
          : Opcode.BPGET.match() | random.nextInt(32) << 7 | random.nextInt(32) << 15 | (1 + random.nextInt(31)) << 20;
      pending.add(new Pending(null, new XbnnPcpiRtlTest.Offer(insn, random.nextInt(), random.nextInt(), random.nextInt(),
          1 + random.nextInt(20), null)));
    }
    Collections.shuffle(pending, random);
    Xbnn.Unit unit = new Xbnn.Unit();
    var offers = new ArrayList<XbnnPcpiRtlTest.Offer>(pending.size());
    for (Pending p : pending) {
      var o = p.offer();
      offers.add(p.op() == null ? o
          : new XbnnPcpiRtlTest.Offer(o.insn(), o.rs1(), o.rs2(), o.rs3(), 0, unit.execute(p.op(), o.rs1(), o.rs2(), o.rs3())));
    }
    return offers;
  }

  @ParameterizedTest(name = "extra gap {0}%, seed {1}")
  @CsvSource({"0, 1", "70, 2"})
  void answersItsOwnInstructionsOnceOnTimeAndEqualToTheSimulatorsUnit(int gapPercent, long seed) throws Exception {
    List<XbnnPcpiRtlTest.Offer> offers = offers(seed);
    String top = REVISION.pcpiModule();
    var sources = new LinkedHashMap<>(UnitInterface.PCPI.files(REVISION));
    sources.put("harness.cpp", XbnnUnitRtlTest.resource("xbnn_pcpi_harness.cpp").replace("xbnn_pcpi", top));
    var arguments = new ArrayList<>(Harness.verilatorArguments(top, false, "-O1"));
    arguments.add(REVISION.fileName());
    Verilator.Build build = verilator.build(top, sources, arguments);

    List<String> lines = XbnnUnitRtlTest.Testbench.run(build,
        offers.stream().map(XbnnPcpiRtlTest.Offer::line).toList(), Integer.toString(gapPercent), Long.toString(seed))
        .lines();
    assertEquals(offers.size(), lines.size(), "answers lost or invented");
    for (int k = 0; k < offers.size(); k++) {
      var o = offers.get(k);
      String expected = o.expected() == null ? "silent" : String.format("%d %08x", PcpiAdapter.LATENCY, o.expected());
      if (!lines.get(k).equals(expected)) {
        throw new AssertionError(String.format("instruction %d (%s): expected '%s', got '%s'", k, o.line(), expected,
            lines.get(k)));
      }
    }
  }
}
