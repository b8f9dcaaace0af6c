package dev.brainblitz.fpga;

import java.util.Optional;

/**
 * Settings of an iCE40 PLL in simple feedback mode for a wanted output frequency, searched the way
 * IceStorm's {@code icepll} does: the phase detector runs at fin / (DIVR + 1) within [10, 133] MHz,
 * the VCO at that times (DIVF + 1) within [533, 1066] MHz, and the output is the VCO divided by
 * 2^DIVQ (DIVQ 1..6); the setting closest to the wanted frequency wins (the first found on ties).
 * FILTER_RANGE follows the phase detector frequency.
 */
public record Ice40Pll(double inputMhz, int divr, int divf, int divq, int filterRange) {

  public double phaseDetectorMhz() {
    return inputMhz / (divr + 1);
  }

  public double vcoMhz() {
    return phaseDetectorMhz() * (divf + 1);
  }

  public double outputMhz() {
    return vcoMhz() / (1 << divq);
  }

  /** The closest setting to {@code wantedMhz}, or empty when that lies outside the PLL's 16 to 275 MHz. */
  public static Optional<Ice40Pll> closest(double inputMhz, double wantedMhz) {
    if (wantedMhz < 16 || wantedMhz > 275) {
      return Optional.empty();
    }
    Ice40Pll best = null;
    double bestError = Double.MAX_VALUE;
    for (int divr = 0; divr <= 15; divr++) {
      double pfd = inputMhz / (divr + 1);
      if (pfd < 10 || pfd > 133) {
        continue;
      }
      for (int divf = 0; divf <= 127; divf++) {
        double vco = pfd * (divf + 1);
        if (vco < 533 || vco > 1066) {
          continue;
        }
        for (int divq = 1; divq <= 6; divq++) {
          double out = vco / (1 << divq);
          double error = Math.abs(out - wantedMhz);
          if (error < bestError) {
            bestError = error;
            best = new Ice40Pll(inputMhz, divr, divf, divq, filterRange(pfd));
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static int filterRange(double pfdMhz) {
    if (pfdMhz < 17) {
      return 1;
    } else if (pfdMhz < 26) {
      return 2;
    } else if (pfdMhz < 44) {
      return 3;
    } else if (pfdMhz < 66) {
      return 4;
    } else if (pfdMhz < 101) {
      return 5;
    }
    return 6;
  }
}
