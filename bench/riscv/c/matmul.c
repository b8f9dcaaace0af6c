/* Integer matrix multiply with mul, div and rem: C = A x B, then every element reduced
   (signed and unsigned division and remainder by varying divisors, including negative ones). */
#include "support.h"

#define N 24

static int a[N][N];
static int b[N][N];
static int c[N][N];
static long long wide[N];

int main(void) {
  uint32_t state = 99991;
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) {
      a[i][j] = (int) (next_random(&state) % 2001) - 1000;
      b[i][j] = (int) (next_random(&state) % 201) - 100;
    }
  }
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < N; j++) {
      int sum = 0;
      for (int k = 0; k < N; k++) {
        sum += a[i][k] * b[k][j];
      }
      c[i][j] = sum;
    }
  }
  uint32_t trace = 0;
  int quotients = 0;
  int remainders = 0;
  uint32_t unsigned_mix = 0;
  for (int i = 0; i < N; i++) {
    trace += (uint32_t) c[i][i];
    long long row = 0;
    for (int j = 0; j < N; j++) {
      int divisor = (i * N + j) % 13 - 6;
      if (divisor == 0) {
        divisor = 7;
      }
      quotients += c[i][j] / divisor;
      remainders += c[i][j] % divisor;
      unsigned_mix ^= (uint32_t) c[i][j] / (uint32_t) (j + 1) + (uint32_t) c[i][j] % (uint32_t) (i + 3);
      row += (long long) c[i][j] * a[j][i];
    }
    wide[i] = row;
  }
  uint32_t high = 0;
  for (int i = 0; i < N; i++) {
    high ^= (uint32_t) (wide[i] >> 20) + (uint32_t) wide[i];
  }
  put_line("trace", trace);
  put_line("quotients", (uint32_t) quotients);
  put_line("remainders", (uint32_t) remainders);
  put_line("unsigned", unsigned_mix);
  put_line("wide", high);
  return 0;
}
