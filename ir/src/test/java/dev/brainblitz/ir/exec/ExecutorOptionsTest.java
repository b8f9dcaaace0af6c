package dev.brainblitz.ir.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutorOptionsTest {
  record Speed(int level) implements ExecutorOptions.Backend {}

  record Colour(String name) implements ExecutorOptions.Backend {}

  @Test
  void eachBackendReadsItsOwnTypedRecord() {
    var options = ExecutorOptions.DEFAULTS.with(new Speed(2)).with(new Colour("red")).with(new Speed(3))
        .withWorkDirectory(Path.of("/tmp/w"));
    assertEquals(Optional.of(new Speed(3)), options.get(Speed.class), "a later record replaces an earlier one");
    assertEquals(Optional.of(new Colour("red")), options.get(Colour.class));
    assertEquals(Optional.of(Path.of("/tmp/w")), options.workDirectory());
    assertEquals(Optional.empty(), ExecutorOptions.DEFAULTS.get(Speed.class));
  }

  @Test
  void aRecordFiledUnderAnotherTypeIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new ExecutorOptions(Optional.empty(), Map.of(Speed.class, new Colour("blue"))));
  }
}
