/* Sorting: quicksort (recursive, on ints), insertion sort (on shorts) and a merge of the two
   orders, checked and summed. */
#include "support.h"

#define COUNT 2000

static int numbers[COUNT];
static short small[COUNT / 4];
int comparisons;

static void swap(int *a, int *b) {
  int t = *a;
  *a = *b;
  *b = t;
}

static void quicksort(int *v, int lo, int hi) {
  while (lo < hi) {
    int pivot = v[(lo + hi) / 2];
    int i = lo;
    int j = hi;
    while (i <= j) {
      while (v[i] < pivot) {
        i++;
        comparisons++;
      }
      while (v[j] > pivot) {
        j--;
        comparisons++;
      }
      if (i <= j) {
        swap(&v[i++], &v[j--]);
      }
    }
    if (j - lo < hi - i) {
      quicksort(v, lo, j);
      lo = i;
    } else {
      quicksort(v, i, hi);
      hi = j;
    }
  }
}

static void insertion_sort(short *v, int n) {
  for (int i = 1; i < n; i++) {
    short x = v[i];
    int j = i - 1;
    while (j >= 0 && v[j] > x) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = x;
  }
}

int main(void) {
  uint32_t state = 2463534242u;
  for (int i = 0; i < COUNT; i++) {
    numbers[i] = (int) (next_random(&state) % 100000) - 50000;
  }
  for (int i = 0; i < COUNT / 4; i++) {
    small[i] = (short) (next_random(&state) % 2001 - 1000);
  }
  quicksort(numbers, 0, COUNT - 1);
  insertion_sort(small, COUNT / 4);
  int ok = 1;
  uint32_t checksum = 0;
  for (int i = 0; i < COUNT; i++) {
    if (i > 0 && numbers[i - 1] > numbers[i]) {
      ok = 0;
    }
    checksum = checksum * 31 + (uint32_t) numbers[i];
  }
  for (int i = 1; i < COUNT / 4; i++) {
    if (small[i - 1] > small[i]) {
      ok = 0;
    }
    checksum ^= (uint32_t) small[i] << (i % 16);
  }
  put_line("sorted", (uint32_t) ok);
  put_line("min", (uint32_t) numbers[0]);
  put_line("max", (uint32_t) numbers[COUNT - 1]);
  put_line("median", (uint32_t) numbers[COUNT / 2]);
  put_line("comparisons", (uint32_t) comparisons);
  put_line("checksum", checksum);
  return ok ? 0 : 1;
}
