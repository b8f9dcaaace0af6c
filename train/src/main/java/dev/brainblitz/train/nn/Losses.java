package dev.brainblitz.train.nn;

/**
 * The training loss of one sample and its gradient with respect to the student's logits:
 * {@code alpha * CE(labels, softmax(s)) + (1 - alpha) * T^2 * KL(softmax(t / T) || softmax(s / T))},
 * {@code s} the student's and {@code t} the teacher's logits. Its gradient is
 * {@code alpha * (softmax(s) - onehot) + (1 - alpha) * T * (softmax(s / T) - softmax(t / T))}.
 * Without a teacher ({@code teacher == null}) it is the cross-entropy alone. Computed in double
 * with {@link StrictMath#exp} so results are the same on every JVM.
 */
public final class Losses {
  private Losses() {}

  /**
   * The loss of sample {@code s}; writes {@code scale} times its gradient into
   * {@code grad[s * classes ..]}.
   */
  public static double distillation(float[] logits, float[] teacher, int s, int classes, int label, double alpha,
      double temperature, double scale, float[] grad) {
    int o = s * classes;
    double[] p = softmax(logits, o, classes, 1);
    double loss = -Math.log(Math.max(p[label], Double.MIN_NORMAL));
    double[] g = new double[classes];
    for (int c = 0; c < classes; c++) {
      g[c] = p[c] - (c == label ? 1 : 0);
    }
    if (teacher != null && alpha < 1) {
      double[] ps = softmax(logits, o, classes, temperature);
      double[] pt = softmax(teacher, o, classes, temperature);
      double kl = 0;
      for (int c = 0; c < classes; c++) {
        if (pt[c] > 0) {
          kl += pt[c] * (Math.log(pt[c]) - Math.log(Math.max(ps[c], Double.MIN_NORMAL)));
        }
      }
      double t2 = temperature * temperature;
      loss = alpha * loss + (1 - alpha) * t2 * kl;
      for (int c = 0; c < classes; c++) {
        g[c] = alpha * g[c] + (1 - alpha) * temperature * (ps[c] - pt[c]);
      }
    }
    for (int c = 0; c < classes; c++) {
      grad[o + c] = (float) (scale * g[c]);
    }
    return loss;
  }

  /** softmax(x / temperature) of {@code classes} values from {@code offset}. */
  static double[] softmax(float[] x, int offset, int classes, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, x[offset + c] / temperature);
    }
    double[] p = new double[classes];
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      p[c] = StrictMath.exp(x[offset + c] / temperature - max);
      sum += p[c];
    }
    for (int c = 0; c < classes; c++) {
      p[c] /= sum;
    }
    return p;
  }
}
