// The double-precision routines the Swift standard library reaches in the kernel: Dictionary
// and Set size their tables with Double arithmetic and ceil (the Shell's command table, the
// simulator's verify and rollback use them). The kernel's Swift code is built for rv64imac
// (soft-float ABI), so each such operation is a call to one of these; this file alone is
// built with the F and D extensions (same lp64 ABI: doubles in integer registers) and does
// the operation on the FPU, which start.S turns on (sstatus.FS = Initial). No trap handler
// uses floating point, so the FP registers need no saving.
#include <stdint.h>

double __muldf3(double a, double b) { return a * b; }
double __divdf3(double a, double b) { return a / b; }
double __floatdidf(int64_t a) { return (double)a; }
double __floatundidf(uint64_t a) { return (double)a; }
int64_t __fixdfdi(double a) { return (int64_t)a; }

// libgcc's comparisons: 0 when equal (__eqdf2), negative when a < b (__ltdf2), positive when
// a > b (__gtdf2), each with the answer "false" for a NaN; nonzero when unordered (__unorddf2).
int __eqdf2(double a, double b) { return a == b ? 0 : 1; }
int __ltdf2(double a, double b) { return a < b ? -1 : (a == b ? 0 : 1); }
int __gtdf2(double a, double b) { return a > b ? 1 : (a == b ? 0 : -1); }
int __unorddf2(double a, double b) { return a != a || b != b; }

// The smallest integer not below x (x itself when it is NaN, infinite or already integral).
double ceil(double x) {
    if (!(x > -4503599627370496.0 && x < 4503599627370496.0)) return x;  // |x| ≥ 2^52 or NaN
    double t = (double)(int64_t)x;  // toward zero
    return t < x ? t + 1.0 : t;
}
