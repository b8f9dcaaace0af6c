/* The sieve of Eratosthenes over a bit array, then twin primes and a sum of primes; there are
   9592 primes below 100000. */
#include "support.h"

#define LIMIT 100000

static uint32_t composite[(LIMIT + 31) / 32];

static int is_prime(int n) {
  return !(composite[n >> 5] >> (n & 31) & 1);
}

int main(void) {
  composite[0] = 3; /* 0 and 1 */
  for (int i = 2; i * i < LIMIT; i++) {
    if (is_prime(i)) {
      for (int j = i * i; j < LIMIT; j += i) {
        composite[j >> 5] |= 1u << (j & 31);
      }
    }
  }
  int count = 0;
  int twins = 0;
  uint32_t sum = 0;
  int largest = 0;
  for (int n = 2; n < LIMIT; n++) {
    if (is_prime(n)) {
      count++;
      sum += (uint32_t) n;
      largest = n;
      if (n + 2 < LIMIT && is_prime(n + 2)) {
        twins++;
      }
    }
  }
  put_line("primes", (uint32_t) count);
  put_line("twins", (uint32_t) twins);
  put_line("sum", sum);
  put_line("largest", (uint32_t) largest);
  return count == 9592 ? 0 : 1;
}
