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
  void theXbnn2UnitHasEveryXbnnAndXbnn2Row() {
    List<Opcode> rows = XbnnUnit.functions(XbnnUnit.Revision.XBNN2).stream().map(XbnnUnit.Function::opcode).toList();
    assertEquals(List.of(Opcode.XNORPOP, Opcode.XNORPOPACC, Opcode.BPPUSH, Opcode.BPACC, Opcode.BPGET), rows);
    assertEquals(List.of(0x000, 0x001, 0x002, 0x003, 0x004),
        XbnnUnit.functions(XbnnUnit.Revision.XBNN2).stream().map(XbnnUnit.Function::id).toList());
    String verilog = XbnnUnit.verilog(XbnnUnit.Revision.XBNN2);
    assertTrue(verilog.contains("module xbnn2_unit ("));
    for (XbnnUnit.Function f : XbnnUnit.functions(XbnnUnit.Revision.XBNN2)) {
      assertTrue(verilog.contains(f.parameterName() + ": result = "), f.opcode().mnemonic());
    }
    assertEquals(verilog, XbnnUnit.verilog(XbnnUnit.Revision.XBNN2));
    GoldenFiles.assertMatches("riscv/src/test/resources/golden/xbnn2_unit.v", verilog);
    GoldenFiles.assertMatches("riscv/src/test/resources/golden/xbnn2_pcpi.v", PcpiAdapter.verilog(XbnnUnit.Revision.XBNN2));
    assertEquals(List.of("xbnn2_unit.v", "xbnn2_pcpi.v"),
        List.copyOf(UnitInterface.PCPI.files(XbnnUnit.Revision.XBNN2).keySet()));
    assertEquals("xbnn2_pcpi", UnitInterface.PCPI.topModule(XbnnUnit.Revision.XBNN2));
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

  /** Regenerate with -Dblitz.updateGolden=true and review the diff. */
  @Test
  void pcpiAdapterMatchesGoldenFile() {
    GoldenFiles.assertMatches("riscv/src/test/resources/golden/" + PcpiAdapter.FILE_NAME, PcpiAdapter.verilog());
    assertEquals(PcpiAdapter.verilog(), PcpiAdapter.verilog());
  }

  @Test
  void pcpiAdapterAnswersEveryFunctionOfTheUnit() {
    String verilog = PcpiAdapter.verilog();
    for (XbnnUnit.Function f : XbnnUnit.functions()) {
      assertTrue(verilog.contains("function_id == " + f.parameterName()), f.opcode().mnemonic());
    }
    assertTrue(verilog.contains(XbnnUnit.MODULE + " unit ("));
  }

  @Test
  void interfacesNameTheirFiles() {
    assertEquals(List.of(XbnnUnit.FILE_NAME), List.copyOf(UnitInterface.CFU.files().keySet()));
    assertEquals(List.of(XbnnUnit.FILE_NAME, PcpiAdapter.FILE_NAME), List.copyOf(UnitInterface.PCPI.files().keySet()));
    assertEquals(XbnnUnit.verilog(), UnitInterface.PCPI.files().get(XbnnUnit.FILE_NAME));
    assertEquals("xbnn_pcpi", UnitInterface.PCPI.topModule());
    assertEquals(UnitInterface.PCPI, UnitInterface.byKeyword("pcpi").orElseThrow());
    assertTrue(UnitInterface.byKeyword("axi").isEmpty());
    assertEquals("cfu, pcpi", UnitInterface.keywords());
  }
}
