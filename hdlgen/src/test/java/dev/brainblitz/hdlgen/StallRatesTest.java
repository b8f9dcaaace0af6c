package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --stalls RATE} and {@code --stalls in=RATE,out=RATE}: parsed exactly, rates outside [0, 1) rejected. */
class StallRatesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.3|0.3|0.3", "0|0.0|0.0", ".5|0.5|0.5", "in=0.2,out=0.5|0.2|0.5", "out=0.5, in=0.25|0.25|0.5", "in=0.9|0.9|0.0",
      "out=0.999|0.0|0.999", "1e-2|0.01|0.01"})
  void parses(String text, double in, double out) {
    StallRates rates = StallRates.parse(text);
    assertEquals(new StallRates(in, out), rates);
    assertEquals(rates, StallRates.parse(rates.toString()), "toString reads back");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1.0", "in=1", "out=2.5", "in=0.2,out=1"})
  void ratesOfOneOrMoreAreOutsideTheRange(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> StallRates.parse(text));
    assertTrue(e.getMessage().contains("is outside [0, 1)"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.1", "abc", "30%", "in=0.2,up=0.1", "in=", "in=0.1,in=0.2", "NaN", ""})
  void malformedRatesSayWhatToWrite(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> StallRates.parse(text));
    assertTrue(e.getMessage().contains("stall rate") || e.getMessage().contains("twice"), e.getMessage());
  }
}
