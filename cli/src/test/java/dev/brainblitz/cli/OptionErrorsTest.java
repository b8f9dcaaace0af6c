package dev.brainblitz.cli;

import static dev.brainblitz.cli.BlitzTest.assertNoStackTrace;
import static dev.brainblitz.cli.BlitzTest.blitz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad option values are usage errors in every command: exit 2, a message naming the option (or
 * the value), the help hint, no stack trace, and no work done. One row per case; {@code OUT} in a
 * row is a path in a fresh temporary directory that must not be written.
 */
class OptionErrorsTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "blitz {0}")
  @CsvSource(delimiter = '|', value = {
    "verify tiny --vectors -1                              | --vectors",
    "verify tiny --vectors 0                               | --vectors",
    "verify tiny --targets golden                          | --targets",
    "verify tiny --targets golden,foo                      | unknown target 'foo'",
    "verify tiny --targets golden,rtl --fold fc1=0,1       | HDL002",
    "verify tiny --targets golden,rtl --target-cycles 0    | HDL003",
    "verify tiny --targets golden,iss:rv32im --timing foo  | foo",
    "verify tiny --targets golden,iss:rv32im --timing picorv32:wait=-1 | wait",
    "verify tiny --targets golden,rtl --stalls 2           | --stalls",
    "verify tiny --targets golden --line-buffers bram      | --buffers",
    "verify tiny --targets golden --buffers bram           | --buffers",
    "infer tiny --input examples/vectors/tiny.vec --target foo | unknown target 'foo'",
    "infer fashion-mlp --dataset foo                       | DAT008",
    "infer fashion-mlp --dataset fashion-mnist --split foo | --split",
    "bench tiny --seconds 0                                | --seconds",
    "bench tiny --seconds 100000                           | --seconds",
    "opt tiny --pass nosuch -o OUT/o.bil                   | unknown pass 'nosuch'",
    "verilog tiny --target-cycles 0 -o OUT                 | HDL003",
    "verilog tiny --pipeline-levels 0 -o OUT               | HDL004",
    "verilog tiny --fold nosuch=1,1 -o OUT                 | HDL001",
    "verilog tiny --conv-window row -o OUT                 | --conv-window is frame or line, not 'row'",
    "verilog tiny --line-buffers lut -o OUT                | --buffers is auto, reg or bram, not 'lut'",
    "verilog tiny --buffers lut -o OUT                     | --buffers is auto, reg or bram, not 'lut'",
    "fpga tiny --device up5k --fit-builds 0 -o OUT         | --fit-builds",
    "fpga tiny --device nosuch -o OUT                      | nosuch",
    "fpga tiny --device up5k --dsp-adders 4 -o OUT         | --dsp-adders is for the Xilinx 7-series",
    "fpga tiny --device up5k --dsp-adders all -o OUT       | --dsp-adders is for the Xilinx 7-series",
    "fpga tiny --device xc7a35t --dsp-adders 91 -o OUT     | --dsp-adders",
    "fpga tiny --device xc7a35t --dsp-adders some -o OUT   | --dsp-adders takes a count of at least 0 or 'all', got 'some'",
    "verilog tiny --dsp-adders -1 -o OUT                   | --dsp-adders takes a count of at least 0 or 'all', got '-1'",
    "verify tiny --targets golden,rtl --dsp-adders x       | --dsp-adders takes a count of at least 0 or 'all', got 'x'",
    "fpga tiny --device up5k --conv-window row -o OUT      | --conv-window is frame or line, not 'row'",
    "sim examples/models/tiny.bil --max-cycles 0           | --max-cycles",
    "riscv tiny --isa rv32im -o OUT/t.S --harness --vectors 0 | --vectors",
    "riscv tiny --isa nosuch -o OUT/t.S                    | nosuch",
    "c-baseline tiny -o OUT --vectors 0                    | --vectors",
    "train --threads 0 -o OUT/t.bil                        | --threads",
    "train --limit 0 -o OUT/t.bil                          | --limit",
    "train --epochs 0 -o OUT/t.bil                         | DAT008",
    "train --arch 784-x -o OUT/t.bil                       | DAT008",
    "train --dataset foo -o OUT/t.bil                      | DAT008",
    "demo --bench-seconds 100000 -o OUT                    | --bench-seconds",
    "demo --bench-seconds -1 -o OUT                        | --bench-seconds",
    "demo --vectors 0 -o OUT                               | --vectors",
    "verify tiny --faults weights=2                        | FLT003: --faults, column 9: rate 2 of weights is outside [0, 1]",
    "verify tiny --faults weigths=1e-3                     | FLT002: --faults, column 1: unknown fault class 'weigths'",
    "verify tiny --faults weights=1e-3,,input=0            | FLT001: --faults, column 14",
    "verify tiny --faults weights=1e-3,weights=0           | FLT004",
    "verify tiny --fault-seed 3                            | --fault-seed needs --faults",
    "verify tiny --targets golden,rtl --faults activations=1e-3 | FLT005: target rtl cannot inject activation faults",
    "verify tiny --targets golden,iss:rv32im --faults activations=1e-3 | FLT005: target iss:rv32im",
    "robustness tiny --rates 0..1e-1 -o OUT                | --rates: 0 is outside (0, 1]",
    "robustness tiny --rates 1e-2,1e-3 -o OUT              | --rates must increase",
    "robustness tiny --faults-on thresholds -o OUT         | --faults-on",
    "robustness tiny --trials 0 -o OUT                     | --trials",
    "robustness tiny --teacher-accuracy 101 -o OUT         | --teacher-accuracy",
    "train --fault-aware weights=1.5 -o OUT/t.bil          | FLT003",
    "train --fault-aware thresholds=1e-3 -o OUT/t.bil      | DAT008",
    "train --arch c8-10 --fault-aware weights=1e-3 -o OUT/t.bil | DAT008",
  })
  void isAUsageError(String command, String mentioned) {
    Path out = temp.resolve("out");
    String[] args = command.trim().replace("OUT", out.toString()).replace("examples/", BlitzTest.repo("examples") + "/")
        .split("\\s+");
    var run = blitz(args);
    assertEquals(Blitz.USAGE_ERROR, run.status(), run.out() + run.err());
    assertTrue(run.err().contains(mentioned), run.err());
    assertTrue(run.err().contains("--help"), run.err());
    assertNoStackTrace(run);
    assertTrue(!out.toFile().exists(), "nothing written");
  }
}
