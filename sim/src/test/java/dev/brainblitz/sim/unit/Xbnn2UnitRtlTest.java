package dev.brainblitz.sim.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brainblitz.hdlgen.Harness;
import dev.brainblitz.hdlgen.Verilator;
import dev.brainblitz.riscv.isa.Opcode;
import dev.brainblitz.riscv.unit.UnitInterface;
import dev.brainblitz.riscv.unit.XbnnUnit;
import dev.brainblitz.sim.iss.Xbnn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The XBNN2 unit's Verilog ({@code xbnn2_unit}) in Verilator against the simulator's stateful
 * definition ({@link Xbnn.Unit}, which the ISS runs): 100,000 seeded random operations per function,
 * in a random order, so that pushes, sums over the chunk register and read-backs form random state
 * sequences (runs of 4 pushes then sums, as kernels do, and pushes at any point), plus edge operands
 * and commands of unknown ids, under random gaps on cmd_valid and random back-pressure on rsp_ready.
 * The expected values come from one {@link Xbnn.Unit} stepped through the commands in order.
 */
class Xbnn2UnitRtlTest {
  static final XbnnUnit.Revision REVISION = XbnnUnit.Revision.XBNN2;
  static final int RANDOM_PER_FUNCTION = 100_000;
  static final int UNKNOWN_IDS = 5_000;
  static final int[] EDGE_OPERANDS = {0, ~0, 0x55555555, 0xaaaaaaaa, 1, 0x80000000, 0x7fffffff, 0x0000ffff, 0xffff0000};

  static Verilator verilator;

  @BeforeAll
  static void needVerilator() {
    verilator = XbnnUnitRtlTest.verilatorOrSkip("Xbnn2UnitRtlTest");
  }

  /** Commands with the responses of the simulator's unit, which sees them in this order. */
  static List<XbnnUnitRtlTest.Command> commands(long seed) {
    var random = new Random(seed);
    List<XbnnUnit.Function> functions = XbnnUnit.functions(REVISION);
    Set<Integer> known = functions.stream().map(XbnnUnit.Function::id).collect(Collectors.toSet());
    // Operations as (function id or -1 for unknown, operands); shuffled by drawing the kind at random.
    List<int[]> operations = new ArrayList<>();
    for (XbnnUnit.Function f : functions) {
      for (int k = 0; k < RANDOM_PER_FUNCTION; k++) {
        operations.add(new int[] {f.id(), random.nextInt(), random.nextInt(), random.nextInt()});
      }
      for (int a : EDGE_OPERANDS) {
        for (int b : EDGE_OPERANDS) {
          operations.add(new int[] {f.id(), a, b, b ^ a});
        }
      }
    }
    for (int k = 0; k < UNKNOWN_IDS; k++) {
      int id;
      do {
        id = random.nextInt(1 << XbnnUnit.FUNCTION_ID_BITS);
      } while (known.contains(id));
      operations.add(new int[] {id, random.nextInt(), random.nextInt(), random.nextInt()});
    }
    java.util.Collections.shuffle(operations, random);
    // Kernel-like runs too: 4 pushes of edge or random words, then sums against weights.
    int pushId = idOf(functions, Opcode.BPPUSH);
    int accId = idOf(functions, Opcode.BPACC);
    List<int[]> ordered = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      ordered.add(operations.get(i));
      if (i % 1000 == 0) {
        for (int p = 0; p < 4; p++) {
          ordered.add(new int[] {pushId, edgeOrRandom(random), edgeOrRandom(random), 0});
        }
        for (int s = 0; s < 8; s++) {
          ordered.add(new int[] {accId, edgeOrRandom(random), random.nextInt(), 0});
        }
      }
    }
    Xbnn.Unit model = new Xbnn.Unit();
    var commands = new ArrayList<XbnnUnitRtlTest.Command>(ordered.size());
    for (int[] o : ordered) {
      int expected = known.contains(o[0]) ? model.execute(opcodeOf(functions, o[0]), o[1], o[2], o[3]) : 0;
      commands.add(new XbnnUnitRtlTest.Command(o[0], o[1], o[2], o[3], expected));
    }
    return commands;
  }

  private static int edgeOrRandom(Random random) {
    return random.nextBoolean() ? EDGE_OPERANDS[random.nextInt(EDGE_OPERANDS.length)] : random.nextInt();
  }

  private static int idOf(List<XbnnUnit.Function> functions, Opcode op) {
    return functions.stream().filter(f -> f.opcode() == op).findFirst().orElseThrow().id();
  }

  private static Opcode opcodeOf(List<XbnnUnit.Function> functions, int id) {
    return functions.stream().filter(f -> f.id() == id).findFirst().orElseThrow().opcode();
  }

  @Test
  void lintCleanUnderVerilatorWallWithItsAdapter() throws Exception {
    Path dir = Files.createDirectories(XbnnUnitRtlTest.WORK.resolve("lint-xbnn2"));
    for (var file : UnitInterface.PCPI.files(REVISION).entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    assertEquals("", verilator.lint(dir.resolve(REVISION.fileName())));
    assertEquals("", verilator.lint(dir.resolve(REVISION.pcpiModule() + ".v")));
  }

  /** Yosys maps the unit and its adapter for iCE40 with no warning; the figures are in docs/isa-xbnn.md. */
  @Test
  void yosysSynthesizesItForIce40() throws Exception {
    assumeTrue(XbnnUnitRtlTest.yosysInstalled(), "Yosys is not installed: install the Debian package yosys");
    Path dir = Files.createDirectories(XbnnUnitRtlTest.WORK.resolve("yosys-xbnn2"));
    StringBuilder read = new StringBuilder();
    for (var file : UnitInterface.PCPI.files(REVISION).entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
      read.append("read_verilog ").append(dir.resolve(file.getKey())).append("; ");
    }
    Process p = new ProcessBuilder("yosys", "-q", "-p", read + "synth_ice40 -top " + REVISION.module()
        + "; check -assert; tee -o " + dir.resolve("stat.txt") + " stat").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "yosys timed out");
    assertEquals(0, p.exitValue(), output);
    String stat = Files.readString(dir.resolve("stat.txt"));
    assertTrue(stat.contains("SB_LUT4"), stat);
    // The chunk register (256), the output register (32) and rsp_valid: at least 289 flip-flops.
    System.out.println("xbnn2_unit synth_ice40:\n" + stat);
  }

  @ParameterizedTest(name = "cmd gaps {0}%, rsp_ready stalls {1}%, seed {2}")
  @CsvSource({"0, 0, 1", "30, 60, 2"})
  void everyResponseOnceInOrderAndEqualToTheSimulator(int gapPercent, int stallPercent, long seed) throws Exception {
    List<XbnnUnitRtlTest.Command> commands = commands(seed);
    var sources = new LinkedHashMap<String, String>();
    sources.put(REVISION.fileName(), XbnnUnit.verilog(REVISION));
    sources.put("harness.cpp", XbnnUnitRtlTest.resource("xbnn_unit_harness.cpp").replace("xbnn_unit", REVISION.module()));
    Verilator.Build build = verilator.build(REVISION.module(), sources,
        Harness.verilatorArguments(REVISION.module(), false, "-O1"));
    var run = XbnnUnitRtlTest.Testbench.run(build, commands.stream().map(XbnnUnitRtlTest.Command::line).toList(),
        Integer.toString(gapPercent), Integer.toString(stallPercent), Long.toString(seed));
    List<String> lines = run.lines();
    assertEquals(commands.size(), lines.size(), "responses lost or duplicated");
    for (int k = 0; k < commands.size(); k++) {
      var c = commands.get(k);
      int actual = Integer.parseUnsignedInt(lines.get(k), 16);
      if (actual != c.expected()) {
        throw new AssertionError(String.format("response %d of %s: expected %08x, got %08x", k, c.line(), c.expected(),
            actual));
      }
    }
    if (gapPercent == 0 && stallPercent == 0) {
      assertEquals(commands.size() + 1L, run.cycles());
    }
  }
}
