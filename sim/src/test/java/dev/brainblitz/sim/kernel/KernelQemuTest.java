package dev.brainblitz.sim.kernel;

import dev.brainblitz.ir.testing.ExternalTools;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import dev.brainblitz.riscv.asm.Assembler;
import dev.brainblitz.riscv.asm.MemoryMap;
import dev.brainblitz.riscv.elf.ElfWriter;
import dev.brainblitz.riscv.lower.Harness;
import dev.brainblitz.riscv.lower.IlToRiscv;
import dev.brainblitz.riscv.lower.Isa;
import dev.brainblitz.riscv.lower.LoweredKernel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Zbb (and plain rv32im) kernels, dense and convolutional, under {@code qemu-riscv32 -cpu rv32,zbb=true} in user mode: the
 * harness writes its results to stdout, which must hold the golden model's class and scores.
 */
class KernelQemuTest {
  static final String QEMU = "qemu-riscv32";
  @TempDir static Path temp;

  @BeforeAll
  static void needQemu() {
    ExternalTools.require(QEMU, "qemu-user", "KernelQemuTest");
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Isa isa : List.of(Isa.RV32IM_ZBB, Isa.RV32IM)) {
      for (String name : List.of("tiny", "tiny-u8", "mlp784")) {
        cases.add(Arguments.of(name, isa));
      }
      for (long seed = 101; seed <= 112; seed++) {
        cases.add(Arguments.of("random:" + seed, isa));
      }
      cases.add(Arguments.of("fashion-cnn", isa));
      for (long seed = 1; seed <= 8; seed++) {
        cases.add(Arguments.of("conv:" + seed, isa));
      }
      // A u8 window of 48 bytes: bit planes in two chunks on Zbb.
      cases.add(Arguments.of("conv:79", isa));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void qemuAgreesWithTheGoldenModel(String name, Isa isa) throws Exception {
    Network network = name.startsWith("random:") ? RandomNetworks.network(Long.parseLong(name.substring(7)))
        : name.startsWith("conv:") ? RandomNetworks.convNetwork(Long.parseLong(name.substring(5)))
        : IssKernelTest.example(name);
    List<InputVector> vectors = RandomNetworks.vectors(5, network,
        name.equals("fashion-cnn") ? 3 : name.equals("mlp784") ? 20 : 50);
    LoweredKernel kernel = IlToRiscv.lower(network, isa);
    String source = kernel.assembly() + Harness.source(kernel, vectors, 0, Harness.Exit.SYSCALL);
    byte[] elf = ElfWriter.write(Assembler.assemble(name + ".S", source, new MemoryMap(0x10000)));
    Path file = temp.resolve(name.replace(':', '-') + "-" + isa.keyword() + ".elf");
    Files.write(file, elf);
    file.toFile().setExecutable(true);
    Process p = new ProcessBuilder(QEMU, "-cpu", "rv32,zbb=true", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("qemu timed out on " + name);
    }
    assertEquals(0, p.exitValue(), "qemu exit status for " + name);
    int classes = network.classes();
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(vectors.size() * 4 * (classes + 1), out.length, "bytes written by the harness");
    GoldenModel golden = new GoldenModel(network);
    for (InputVector v : vectors) {
      int predicted = b.getInt();
      int[] scores = new int[classes];
      for (int c = 0; c < classes; c++) {
        scores[c] = b.getInt();
      }
      assertEquals(golden.infer(v), InferenceResult.reported(scores, predicted), name + " " + isa.keyword());
    }
  }
}
