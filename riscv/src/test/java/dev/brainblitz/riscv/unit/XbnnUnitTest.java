package dev.brainblitz.riscv.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.testing.GoldenFiles;
import dev.brainblitz.riscv.isa.Extension;
import dev.brainblitz.riscv.isa.Opcode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class XbnnUnitTest {
  @Test
  void functionIdsAreFunct7AboveFunct3OfTheTableRows() {
    List<XbnnUnit.Function> functions = XbnnUnit.functions();
    assertEquals(List.of(Opcode.XNORPOP, Opcode.XNORPOPACC), functions.stream().map(XbnnUnit.Function::opcode).toList());
    assertEquals(0x000, functions.get(0).id());
    assertEquals(0x001, functions.get(1).id());
    // docs/isa-xbnn.md: match 0x0000100b = funct3 1, funct7 0.
    assertEquals(1, functions.get(1).funct3());
    assertEquals(0, functions.get(1).funct7());
  }

  @Test
  void everyCustomRowOfTheTableHasADatapath() {
    long custom = Arrays.stream(Opcode.values()).filter(op -> op.extension() == Extension.XBNN).count();
    assertEquals(custom, XbnnUnit.functions().size());
    String verilog = XbnnUnit.verilog();
    for (XbnnUnit.Function f : XbnnUnit.functions()) {
      assertTrue(verilog.contains(f.parameterName() + ": result = "), f.opcode().mnemonic());
    }
  }

  @Test
  void generationIsDeterministic() {
    assertEquals(XbnnUnit.verilog(), XbnnUnit.verilog());
  }

  /** Regenerate with -Dblitz.updateGolden=true and review the diff. */
  @Test
  void matchesGoldenFile() {
    GoldenFiles.assertMatches("riscv/src/test/resources/golden/" + XbnnUnit.FILE_NAME, XbnnUnit.verilog());
  }
}
