package dev.brainblitz.train.nn;

/**
 * The inner loops of the matrix products, written so that HotSpot's C2 compiler vectorizes them:
 * every array of a loop is indexed by the loop variable itself, with no offset (C2 does not
 * vectorize {@code y[a + i] += c * x[b + i]}, since it cannot rule out that the two arrays are one).
 * So operands are whole rows ({@code float[]} per row) and results are the same bits as the plain
 * scalar loops: Java forbids fusing or reordering float operations, vectorized or not.
 */
final class Kernels {
  private Kernels() {}

  /** {@code y[i] += a * x[i]} for {@code i < n}. */
  static void axpy(float a, float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) {
      y[i] += a * x[i];
    }
  }

  /**
   * {@code y[i] = y[i] + a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i]}: four axpys in one
   * sweep, adding in the order of four successive {@link #axpy} calls, with one load and store of
   * {@code y} instead of four.
   */
  static void axpy4(float a0, float[] x0, float a1, float[] x1, float a2, float[] x2, float a3, float[] x3,
      float[] y, int n) {
    for (int i = 0; i < n; i++) {
      y[i] = y[i] + a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i];
    }
  }

  /**
   * {@code y += a[j] * x[j]} (rows of {@code n} elements) for every {@code j} in
   * {@code [0, count)} with {@code a[j] != 0}, in increasing {@code j}, four rows per sweep: the
   * same bits as one {@link #axpy} per nonzero coefficient. {@code nonzero} is scratch of at
   * least {@code count} entries.
   */
  static void accumulate(float[] a, float[][] x, int count, float[] y, int n, int[] nonzero) {
    int m = 0;
    for (int j = 0; j < count; j++) {
      if (a[j] != 0f) {
        nonzero[m++] = j;
      }
    }
    int k = 0;
    for (; k + 3 < m; k += 4) {
      int j0 = nonzero[k];
      int j1 = nonzero[k + 1];
      int j2 = nonzero[k + 2];
      int j3 = nonzero[k + 3];
      axpy4(a[j0], x[j0], a[j1], x[j1], a[j2], x[j2], a[j3], x[j3], y, n);
    }
    for (; k < m; k++) {
      axpy(a[nonzero[k]], x[nonzero[k]], y, n);
    }
  }
}
