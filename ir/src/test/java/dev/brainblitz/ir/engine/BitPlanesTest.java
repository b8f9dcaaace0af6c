package dev.brainblitz.ir.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BitPlanesTest {

  @Test
  void byteMOfLongKOfABlockLandsOnBit8mPlusK() {
    assertEquals(0, BitPlanes.position(0));
    assertEquals(8, BitPlanes.position(1)); // k = 0, m = 1
    assertEquals(56, BitPlanes.position(7)); // k = 0, m = 7
    assertEquals(1, BitPlanes.position(8)); // k = 1, m = 0
    assertEquals(9, BitPlanes.position(9)); // k = 1, m = 1
    assertEquals(63, BitPlanes.position(63));
    assertEquals(64 + 8, BitPlanes.position(65));
    assertEquals(128 + 58, BitPlanes.position(128 + 8 * 2 + 7)); // k = 2, m = 7
  }

  @Test
  void positionsArePermutationsOfEachBlock() {
    boolean[] seen = new boolean[3 * 64];
    for (int element = 0; element < seen.length; element++) {
      int position = BitPlanes.position(element);
      assertEquals(element / 64, position / 64, "element " + element + " leaves its block");
      assertEquals(false, seen[position], "position " + position + " used twice");
      seen[position] = true;
    }
  }

  @Test
  void wordsCoverWholeBlocks() {
    assertEquals(2, BitPlanes.words(1));
    assertEquals(2, BitPlanes.words(64));
    assertEquals(4, BitPlanes.words(65));
    assertEquals(26, BitPlanes.words(784));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 128, 784, 1000})
  void planesHoldEveryBitOfEveryElementAndTheSumIsExact(int size) {
    Random random = new Random(size);
    byte[] tail = new byte[BitPlanes.BLOCK];
    for (int trial = 0; trial < 50; trial++) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      if (trial == 0) {
        Arrays.fill(bytes, (byte) 0xFF);
      }
      int[] planes = new int[8 * BitPlanes.words(size)];
      Arrays.fill(planes, 0x5A5A_5A5A); // stale contents must be overwritten
      int sum = BitPlanes.decompose(bytes, tail, planes);

      int[] expected = new int[planes.length];
      int expectedSum = 0;
      for (int i = 0; i < size; i++) {
        int value = bytes[i] & 0xFF;
        expectedSum += value;
        int position = BitPlanes.position(i);
        for (int b = 0; b < 8; b++) {
          expected[8 * (position >>> 5) + b] |= ((value >>> b) & 1) << (position & 31);
        }
      }
      assertEquals(expectedSum, sum);
      assertArrayEquals(expected, planes, "size " + size + ", trial " + trial);
    }
  }
}
