package dev.brainblitz.ir.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FaultSpecTest {
  @Test
  void parsesEveryClassWithTheOptionSeed() {
    FaultSpec spec = FaultSpec.parse("weights=1e-3, activations=1e-4,thresholds=0.5,input=1,stuck0=0,stuck1=.25",
        "--faults", 7);
    assertEquals(7, spec.seed());
    assertEquals(Map.of(FaultClass.WEIGHTS, 1e-3, FaultClass.ACTIVATIONS, 1e-4, FaultClass.THRESHOLDS, 0.5,
        FaultClass.INPUT, 1.0, FaultClass.STUCK1, 0.25), spec.rates());
    assertEquals("weights=1e-3,thresholds=5e-1,stuck1=2.5e-1,input=1,activations=1e-4", spec.text());
    assertEquals(spec, FaultSpec.parse(spec.text(), "again", 7));
  }

  @Test
  void fileFormHasLinesCommentsAndASeed() {
    FaultSpec spec = FaultSpec.parse("# a faulty SRAM\nweights = 1e-2   # per bit\n\nseed = 42\n", "f.faults", 1);
    assertEquals(FaultSpec.of(FaultClass.WEIGHTS, 1e-2, 42), spec);
  }

  @Test
  void noneAndZeroRatesAreNoFaults() {
    assertTrue(FaultSpec.parse("none", "--faults", 1).isNone());
    assertTrue(FaultSpec.parse("weights=0,activations=0.0", "--faults", 1).isNone());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "weights=2|FLT003|1|9|rate 2 of weights is outside [0, 1]",
      "weights=1e-3,activations=-1e-4|FLT001|1|26|rate '-1e-4' of activations is not a number (e.g. 1e-3 or 0.001)",
      "weights=1e-3,weigths=1e-3|FLT002|1|14|unknown fault class 'weigths'; known: weights, thresholds, stuck0, stuck1, input, activations",
      "weights=abc|FLT001|1|9|rate 'abc' of weights is not a number (e.g. 1e-3 or 0.001)",
      "weights=1e-3,,input=0|FLT001|1|14|empty entry: expected CLASS=RATE, e.g. weights=1e-3",
      "weights|FLT001|1|1|'weights' needs a rate: weights=RATE",
      "weights=1e-3,weights=0|FLT004|1|14|weights is given twice",
      "''|FLT001|1|1|no fault classes: expected CLASS=RATE entries, e.g. weights=1e-3,activations=1e-4, or none",
      "weights=1e-3\\nseed=x|FLT001|2|6|seed 'x' is not an integer",
  })
  void badSpecsAreCodedErrorsAtTheirPosition(String text, String code, int line, int column, String message) {
    DiagnosticException e = assertThrows(DiagnosticException.class,
        () -> FaultSpec.parse(text.replace("\\n", "\n"), "--faults", 1));
    Diagnostic d = e.diagnostics().get(0);
    assertEquals(List.of(code, line, column, message), List.of(d.code().code(), d.span().line(), d.span().column(),
        d.message()));
  }

  @Test
  void aRateOfOneHitsEveryPositionAndZeroNone() {
    FaultDraws all = FaultDraws.of(1, FaultClass.WEIGHTS, 0, 0, 1, 5);
    for (int p = 0; p < 5; p++) {
      assertEquals(p, all.next());
    }
    assertEquals(-1, all.next());
    assertEquals(-1, FaultDraws.of(1, FaultClass.WEIGHTS, 0, 0, 0, 5).next());
  }

  /** The draws hit each bit with the rate: over 10^6 bits the count is within 5 standard deviations, and increasing. */
  @ParameterizedTest
  @CsvSource({"0.5", "0.1", "1e-3", "1e-5"})
  void drawsHitTheRate(double rate) {
    long size = 1_000_000;
    FaultDraws draws = FaultDraws.of(3, FaultClass.ACTIVATIONS, 2, 9, rate, size);
    long hits = 0;
    long last = -1;
    for (long p = draws.next(); p >= 0; p = draws.next()) {
      assertTrue(p > last && p < size);
      last = p;
      hits++;
    }
    double mean = rate * size;
    double sigma = Math.sqrt(size * rate * (1 - rate));
    assertTrue(Math.abs(hits - mean) <= 5 * sigma + 1, hits + " hits, expected " + mean);
  }

  @Test
  void streamsDependOnEveryKeyPart() {
    long base = FaultDraws.key(1, 1, 2, 3);
    assertTrue(base != FaultDraws.key(2, 1, 2, 3));
    assertTrue(base != FaultDraws.key(1, 6, 2, 3));
    assertTrue(base != FaultDraws.key(1, 1, 3, 3));
    assertTrue(base != FaultDraws.key(1, 1, 2, 4));
  }

  @Test
  void storedWidthHoldsTheRange() {
    assertEquals(4, StaticFaults.storedWidth(-1, 6));   // 3 bipolar inputs... [-1, 4]: 4 bits
    assertEquals(2, StaticFaults.storedWidth(-1, 1));
    assertEquals(8, StaticFaults.storedWidth(-128, 127));
    assertEquals(9, StaticFaults.storedWidth(-129, 0));
  }
}
