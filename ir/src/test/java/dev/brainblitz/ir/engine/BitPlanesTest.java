package dev.brainblitz.ir.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BitPlanesTest {

  @Test
  void transposeMovesBitCOfByteRToBitROfByteC() {
    Random random = new Random(7);
    for (int trial = 0; trial < 2000; trial++) {
      long x = trial < 64 ? 1L << trial : random.nextLong();
      long expected = 0;
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          if ((x >>> (8 * r + c) & 1) != 0) {
            expected |= 1L << (8 * c + r);
          }
        }
      }
      assertEquals(expected, BitPlanes.transpose8x8(x), "x = " + Long.toHexString(x));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 784, 1000})
  void planesAndSumMatchTheBytesBitByBit(int size) {
    Random random = new Random(size);
    for (int trial = 0; trial < 50; trial++) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      if (trial == 0) {
        java.util.Arrays.fill(bytes, (byte) 0xFF);
      }
      int words = BitPlanes.words(size);
      int[] planes = new int[8 * words];
      java.util.Arrays.fill(planes, 0x5A5A_5A5A); // stale contents must be overwritten
      int sum = BitPlanes.decompose(bytes, new byte[32], planes);

      int[] expected = new int[8 * words];
      int expectedSum = 0;
      for (int i = 0; i < size; i++) {
        int value = bytes[i] & 0xFF;
        expectedSum += value;
        for (int b = 0; b < 8; b++) {
          expected[8 * (i >>> 5) + b] |= ((value >>> b) & 1) << (i & 31);
        }
      }
      assertEquals(expectedSum, sum);
      assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(planes));
    }
  }
}
