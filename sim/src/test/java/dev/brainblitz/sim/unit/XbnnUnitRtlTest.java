package dev.brainblitz.sim.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brainblitz.hdlgen.Harness;
import dev.brainblitz.hdlgen.Verilator;
import dev.brainblitz.riscv.unit.XbnnUnit;
import dev.brainblitz.sim.iss.Xbnn;
import java.io.IOException;
import java.io.InputStream;
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
 * The custom unit's Verilog in Verilator against the simulator's definition of each instruction
 * ({@link Xbnn#execute}, which the ISS runs): per function 100,000 seeded random operand triples plus
 * every combination of edge operands (0, ~0, 0x55555555, ... and accumulators that wrap), interleaved
 * with commands of unknown ids (defined to answer 0), under random gaps on cmd_valid and random
 * back-pressure on rsp_ready. Every response must arrive exactly once, in order, equal.
 */
class XbnnUnitRtlTest {
  static final Path WORK = Path.of("target", "rtl-work").toAbsolutePath();
  static final int RANDOM_PER_FUNCTION = 100_000;
  static final int UNKNOWN_IDS = 5_000;
  static final int[] EDGE_OPERANDS = {0, ~0, 0x55555555, 0xaaaaaaaa, 1, 0x80000000, 0x7fffffff, 0x0000ffff, 0xffff0000};
  static final int[] EDGE_ACCUMULATORS = {0, ~0, 0xffffffe0, 0xfffffff0, 0x7fffffff, 0x80000000, 32, 0x7fffffe1};

  static Verilator verilator;

  @BeforeAll
  static void needVerilator() {
    verilator = verilatorOrSkip("XbnnUnitRtlTest");
  }

  /** Verilator, or a loud skip of {@code test} when it is not installed. */
  static Verilator verilatorOrSkip(String test) {
    Verilator found = null;
    try {
      found = Verilator.find(WORK);
    } catch (RuntimeException e) {
      System.err.println("SKIPPING " + test + ": " + e.getMessage());
    }
    assumeTrue(found != null, "Verilator is not installed: install the Debian package verilator to run the RTL tests");
    return found;
  }

  /** A testbench from the test resources ({@code /unit/NAME}). */
  static String resource(String name) throws IOException {
    try (InputStream s = XbnnUnitRtlTest.class.getResourceAsStream("/unit/" + name)) {
      return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A command and the response the simulator's definition expects. */
  record Command(int functionId, int in0, int in1, int in2, int expected) {
    String line() {
      return String.format("%03x %08x %08x %08x", functionId, in0, in1, in2);
    }
  }

  static List<Command> commands(long seed) {
    var random = new Random(seed);
    var commands = new ArrayList<Command>();
    for (XbnnUnit.Function f : XbnnUnit.functions()) {
      for (int a : EDGE_OPERANDS) {
        for (int b : EDGE_OPERANDS) {
          for (int acc : EDGE_ACCUMULATORS) {
            commands.add(new Command(f.id(), a, b, acc, Xbnn.execute(f.opcode(), a, b, acc)));
          }
        }
      }
      for (int k = 0; k < RANDOM_PER_FUNCTION; k++) {
        int a = random.nextInt();
        int b = random.nextInt();
        int acc = random.nextInt();
        commands.add(new Command(f.id(), a, b, acc, Xbnn.execute(f.opcode(), a, b, acc)));
      }
    }
    Set<Integer> known = XbnnUnit.functions().stream().map(XbnnUnit.Function::id).collect(Collectors.toSet());
    for (int k = 0; k < UNKNOWN_IDS; k++) {
      int id;
      do {
        id = random.nextInt(1 << XbnnUnit.FUNCTION_ID_BITS);
      } while (known.contains(id));
      commands.add(new Command(id, random.nextInt(), random.nextInt(), random.nextInt(), 0));
    }
    Collections.shuffle(commands, random);
    return commands;
  }

  @Test
  void lintCleanUnderVerilatorWall() throws IOException {
    Path dir = Files.createDirectories(WORK.resolve("lint-unit"));
    Path file = dir.resolve(XbnnUnit.FILE_NAME);
    Files.writeString(file, XbnnUnit.verilog());
    assertEquals("", verilator.lint(file));
  }

  /** Synthesizable: Yosys's generic synthesis maps it to gates and flip-flops with no warning or problem. */
  /** Whether {@code yosys} runs; says so loudly on stderr when it does not. */
  static boolean yosysInstalled() throws InterruptedException {
    boolean yosys;
    try {
      Process v = new ProcessBuilder("yosys", "-V").redirectErrorStream(true).start();
      v.getInputStream().readAllBytes();
      yosys = v.waitFor(30, TimeUnit.SECONDS) && v.exitValue() == 0;
    } catch (IOException e) {
      yosys = false;
    }
    if (!yosys) {
      System.err.println("SKIPPING the Yosys synthesis tests of the XBNN unit: yosys not found; install the Debian package yosys");
    }
    return yosys;
  }

  @Test
  void yosysSynthesizesIt() throws Exception {
    assumeTrue(yosysInstalled(), "Yosys is not installed: install the Debian package yosys to run this test");
    Path dir = Files.createDirectories(WORK.resolve("yosys-unit"));
    Path file = dir.resolve(XbnnUnit.FILE_NAME);
    Files.writeString(file, XbnnUnit.verilog());
    Process p = new ProcessBuilder("yosys", "-q", "-p", "read_verilog " + file + "; synth -top " + XbnnUnit.MODULE
        + "; check -assert").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "yosys timed out");
    assertEquals(0, p.exitValue(), output);
    assertEquals("", output.strip(), "yosys warnings");
  }

  @ParameterizedTest(name = "cmd gaps {0}%, rsp_ready stalls {1}%, seed {2}")
  @CsvSource({"0, 0, 1", "30, 40, 2", "5, 90, 3", "80, 10, 4"})
  void everyResponseOnceInOrderAndEqualToTheSimulator(int gapPercent, int stallPercent, long seed) throws Exception {
    List<Command> commands = commands(seed);
    for (XbnnUnit.Function f : XbnnUnit.functions()) {
      assertTrue(commands.stream().filter(c -> c.functionId() == f.id()).count() >= RANDOM_PER_FUNCTION);
    }
    var sources = new LinkedHashMap<String, String>();
    sources.put(XbnnUnit.FILE_NAME, XbnnUnit.verilog());
    sources.put("harness.cpp", harness());
    Verilator.Build build = verilator.build(XbnnUnit.MODULE, sources,
        Harness.verilatorArguments(XbnnUnit.MODULE, false, "-O1"));

    Testbench run = Testbench.run(build, commands.stream().map(Command::line).toList(), Integer.toString(gapPercent),
        Integer.toString(stallPercent), Long.toString(seed));
    List<String> lines = run.lines();
    assertEquals(commands.size(), lines.size(), "responses lost or duplicated");
    for (int k = 0; k < commands.size(); k++) {
      Command c = commands.get(k);
      int actual = Integer.parseUnsignedInt(lines.get(k), 16);
      if (actual != c.expected()) {
        throw new AssertionError(String.format("response %d of %s: expected %08x, got %08x", k, c.line(), c.expected(),
            actual));
      }
    }
    if (gapPercent == 0 && stallPercent == 0) {
      // Fully pipelined: one command per cycle, each response one cycle after its command.
      assertEquals(commands.size() + 1L, run.cycles());
    }
  }

  /** What a testbench wrote: one line per transaction, and the cycles it ran. */
  record Testbench(List<String> lines, long cycles) {
    /** Runs {@code build} on {@code input} (one line per transaction) with {@code arguments} after the two file names. */
    static Testbench run(Verilator.Build build, List<String> input, String... arguments) throws Exception {
      Path run = Files.createTempDirectory(Files.createDirectories(WORK.resolve("runs")), "bench-");
      Path in = run.resolve("in.txt");
      Path out = run.resolve("out.txt");
      Files.write(in, input);
      var command = new ArrayList<>(List.of(build.executable().toString(), in.toString(), out.toString()));
      command.addAll(List.of(arguments));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the simulation timed out");
      assertEquals(0, p.exitValue(), "the testbench failed: " + log);
      List<String> lines = Files.readAllLines(out);
      String last = lines.remove(lines.size() - 1);
      assertTrue(last.startsWith("cycles "), last);
      Files.delete(in);
      Files.delete(out);
      Files.delete(run);
      return new Testbench(lines, Long.parseLong(last.substring("cycles ".length())));
    }
  }

  private static String harness() throws IOException {
    return resource("xbnn_unit_harness.cpp");
  }
}
