package dev.brainblitz.train.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba) over registered parameter arrays; parameters registered as latent binary
 * weights are clipped to [-1, 1] after each step. Arithmetic is element-wise, so it is
 * deterministic; the bias corrections use {@link StrictMath} so the same seed gives the same bits
 * on every JVM.
 */
public final class Adam {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  private record Slot(float[] parameter, float[] gradient, float[] m, float[] v, boolean clip) {}

  private final List<Slot> slots = new ArrayList<>();
  private int step;

  void add(float[] parameter, float[] gradient, boolean clip) {
    slots.add(new Slot(parameter, gradient, new float[parameter.length], new float[parameter.length], clip));
  }

  /** Updates so far. */
  int steps() {
    return step;
  }

  /** Every slot's first and second moments, in the order the parameters were added: m, v, m, v, ... */
  List<float[]> moments() {
    var arrays = new ArrayList<float[]>();
    for (Slot slot : slots) {
      arrays.add(slot.m());
      arrays.add(slot.v());
    }
    return arrays;
  }

  /** Continues after {@code steps} updates (the moments are restored through {@link #moments}). */
  void resumeAt(int steps) {
    this.step = steps;
  }

  /** One update with learning rate {@code rate}. */
  void step(Parallel parallel, double rate) {
    step++;
    float b1 = (float) BETA1;
    float b2 = (float) BETA2;
    float correction1 = (float) (1 - StrictMath.pow(BETA1, step));
    float correction2 = (float) (1 - StrictMath.pow(BETA2, step));
    float lr = (float) rate;
    float eps = (float) EPSILON;
    for (Slot slot : slots) {
      float[] p = slot.parameter();
      float[] g = slot.gradient();
      float[] m = slot.m();
      float[] v = slot.v();
      boolean clip = slot.clip();
      parallel.forEach(p.length, 1 << 14, (from, to) -> {
        for (int i = from; i < to; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          float mHat = m[i] / correction1;
          float vHat = v[i] / correction2;
          float updated = p[i] - lr * mHat / ((float) Math.sqrt(vHat) + eps);
          p[i] = clip ? Math.max(-1f, Math.min(1f, updated)) : updated;
        }
      });
    }
  }
}
