package dev.brainblitz.hdlgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brainblitz.ir.InferenceResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's results file, read by name: results and figures wherever they stand. */
class HarnessResultsTest {
  @Test
  void readsResultsAndNamedFiguresInAnyOrder() {
    var read = HarnessResults.parse(List.of("result 1 -3 7", "result 0 4 -2", "",
        "measured latency 12 ii_max 9 cycles 1034 ii_min 8"));
    assertEquals(List.of(InferenceResult.reported(new int[] {-3, 7}, 1), InferenceResult.reported(new int[] {4, -2}, 0)),
        read.results());
    assertEquals(new HarnessResults.Measured(1034, 8, 9, 12), read.measured());
  }

  @Test
  void refusesWhatItDoesNotKnowOrAMissingFigure() {
    var unknown = assertThrows(IllegalStateException.class,
        () -> HarnessResults.parse(List.of("1 -3 7", "measured cycles 1 ii_min 0 ii_max 0 latency 1")));
    assertEquals("line 1 of the harness results is neither a result nor the measurements: 1 -3 7", unknown.getMessage());
    var noLine = assertThrows(IllegalStateException.class, () -> HarnessResults.parse(List.of("result 1 -3 7")));
    assertEquals("the harness results have no 'measured' line", noLine.getMessage());
    var noLatency = assertThrows(IllegalStateException.class,
        () -> HarnessResults.parse(List.of("measured cycles 1 ii_min 0 ii_max 0")));
    assertEquals("the harness results do not say 'latency'", noLatency.getMessage());
    var bad = assertThrows(IllegalStateException.class, () -> HarnessResults.parse(List.of("result")));
    assertEquals("line 1 of the harness results is malformed: result", bad.getMessage());
  }
}
