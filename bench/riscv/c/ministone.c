/* ministone: a synthetic integer benchmark in the spirit of Dhrystone (written for brain-blitz,
   not derived from it): record copies through pointers, string copies and comparisons, an enum
   state machine, one- and two-dimensional arrays, small calls with several arguments. Each
   iteration does the same work; the result checksum depends on all of it. */
#include "support.h"

#ifndef ITERATIONS
#define ITERATIONS 4000
#endif

typedef enum { IDLE, RUNNING, WAITING, DONE } State;

typedef struct Record {
  struct Record *next;
  State state;
  int value;
  int weight;
  char name[24];
} Record;

static Record records[4];
static int grid[16][16];
static int line[64];
static char scratch[32];
static const char *const names[4] = {"ALPHA RECORD, FIRST", "BRAVO RECORD, SECOND", "CHARLIE RECORD, THIRD",
                                     "DELTA RECORD, FOURTH"};

static State advance(State s, int value) {
  switch (s) {
    case IDLE:
      return value & 1 ? RUNNING : IDLE;
    case RUNNING:
      return value > 100 ? WAITING : RUNNING;
    case WAITING:
      return value % 3 == 0 ? DONE : RUNNING;
    default:
      return IDLE;
  }
}

static int combine(int a, int b, int c, int d) {
  return (a + b) * 3 - (c ^ d) + (a > c ? 1 : 2);
}

static void update(Record *r, int round) {
  Record copy = *r->next;
  copy.value = combine(r->value, copy.weight, round, r->weight) & 0xffff;
  copy.state = advance(r->state, copy.value);
  if (copy.state == DONE) {
    copy.weight++;
  }
  *r = copy;
  r->next = &records[(round + 1) & 3];
}

int main(void) {
  for (int i = 0; i < 4; i++) {
    records[i].next = &records[(i + 1) & 3];
    records[i].state = IDLE;
    records[i].value = i * 7 + 1;
    records[i].weight = i + 2;
    strcpy(records[i].name, names[i]);
  }
  uint32_t checksum = 0;
  int matches = 0;
  for (int round = 0; round < ITERATIONS; round++) {
    Record *r = &records[round & 3];
    update(r, round);
    strcpy(scratch, names[round & 3]);
    scratch[round % 20] = (char) ('A' + round % 26);
    if (strcmp(scratch, r->name) == 0) {
      matches++;
    }
    int row = round & 15;
    for (int k = 0; k < 16; k++) {
      grid[row][k] = grid[(row + 1) & 15][k] + k + r->value;
    }
    line[round & 63] = grid[row][round & 15] / (r->weight | 1);
    checksum = checksum * 33 + (uint32_t) line[round & 63] + (uint32_t) r->state;
  }
  int done = 0;
  for (int i = 0; i < 4; i++) {
    done += records[i].state == DONE;
    checksum ^= (uint32_t) records[i].weight << (8 * i);
  }
  put_line("iterations", ITERATIONS);
  put_line("matches", (uint32_t) matches);
  put_line("done", (uint32_t) done);
  put_line("checksum", checksum);
  return 0;
}
