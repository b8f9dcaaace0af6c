package dev.brainblitz.cli;

import picocli.CommandLine;

/**
 * The {@code --dsp-adders N|all} option of the hardware commands: how many adder-tree nodes are summed
 * in Xilinx DSP48E1 slices. {@code all} is every node that qualifies, and for {@code blitz fpga} at
 * most the device's DSP48E1s.
 */
final class DspAddersOption {
  private DspAddersOption() {}

  /** {@code all}: no budget of its own (the device's, where there is one, bounds it). */
  static final long ALL = Long.MAX_VALUE;

  /** A count of at least 0 or {@code all}; anything else is a usage error. */
  static final class Converter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      if (value.equals("all")) {
        return ALL;
      }
      try {
        long n = Long.parseLong(value);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below with the value
      }
      throw new CommandLine.TypeConversionException("--dsp-adders takes a count of at least 0 or 'all', got '" + value
          + "'");
    }
  }

  /** The budget {@code option} asks for (null: none given, 0). */
  static long budget(Long option) {
    return option != null ? option : 0;
  }
}
