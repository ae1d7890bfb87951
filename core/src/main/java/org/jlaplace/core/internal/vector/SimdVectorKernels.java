package org.jlaplace.core.internal.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;

/**
 * Kernels written with the Vector API on the preferred species ({@code DoubleVector.SPECIES_PREFERRED},
 * 8 lanes with AVX-512). Reductions use four independent accumulators over {@code 4·lanes} elements,
 * then a one-vector tail, the lanes added in lane order ({@link #sumLanes}) and a scalar tail;
 * inputs shorter than {@code 2·lanes} take the scalar loop, where vector set-up costs more than it saves. The GEMM
 * micro-tile is {@code MR × 3·lanes} with {@code MR = 8} when the species has at least 8 lanes
 * (24 accumulators fit the 32 AVX-512 registers) and {@code MR = 4} otherwise (12 of 16 AVX2 registers).
 * Loaded reflectively by {@code KernelProvider}; public only for that.
 */
public final class SimdVectorKernels implements VectorKernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = L >= 8 ? 8 : 4;
    private static final int NR = 3 * L;
    /** Int lanes matching the double lanes one to one (half the bits), for window indices. */
    private static final VectorSpecies<Integer> I =
            VectorSpecies.of(int.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
    private static final VectorKernels SCALAR = KernelProvider.scalar();
    /**
     * Whether max pooling gathers: measured on the MNIST CNN's pooling layers, JDK 17 does not compile a
     * double gather with int indices to a gather instruction (2x slower than the scalar loop), JDK 25
     * does (4-6x faster than it). Versions in between were not measured and keep the scalar loop.
     */
    private static final boolean GATHER_POOLING = Runtime.version().feature() >= 25;

    /** Public for reflective loading only; use {@code KernelProvider.get()}. */
    public SimdVectorKernels() {
        if (L < 2) {
            throw new IllegalStateException("SIMD kernels: the preferred double species has " + L + " lane");
        }
    }

    @Override
    public String name() {
        return "simd-" + S.vectorBitSize();
    }

    @Override
    public double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        if (n < 2 * L) {
            double s = 0.0;
            for (int i = 0; i < n; i++) {
                s += x[xOff + i] * y[yOff + i];
            }
            return s;
        }
        DoubleVector acc0 = DoubleVector.zero(S);
        DoubleVector acc1 = acc0;
        DoubleVector acc2 = acc0;
        DoubleVector acc3 = acc0;
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            acc0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), acc0);
            acc1 = DoubleVector.fromArray(S, x, xOff + i + L).fma(DoubleVector.fromArray(S, y, yOff + i + L), acc1);
            acc2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), acc2);
            acc3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), acc3);
        }
        for (; i <= n - L; i += L) {
            acc0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), acc0);
        }
        double s = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    /**
     * {@inheritDoc} Here in tiles of 4×4 entries, 16 vector accumulators: with the 8 row vectors they
     * fit the 32 AVX-512 registers; with 16 (AVX2, SSE) some spill, and yet they measured 1.2-1.5×
     * faster than 2×4 tiles there. A tile whose rows of x and y are the same slices computes its lower
     * 10 entries only; remaining rows go by 1×4 tiles, remaining columns entry by entry. Per entry,
     * whichever tile holds it: one vector accumulator; for each batch in order, fused multiply-adds
     * over the row pair's vectors at {@code 0, L, 2L, …} below {@code n − L}, then one over the row's
     * last {@code L} elements with the lanes already counted zeroed in both operands (so no load
     * leaves the row); then its lanes summed in lane order ({@link #sumLanes}), added to {@code out}.
     * Rows shorter than {@code L} take the scalar twin. The last step runs even when {@code L} divides
     * {@code n} (every lane kept): measured on JDK 17, a never-taken branch around it made C2 box the
     * accumulators, 25× slower.
     */
    @Override
    public void dotBlock(int rows, int cols, int n, int batches, int batchStride, double[] x, int xOff, int xStride,
                         double[] y, int yOff, int yStride, double[] out, int outOff, int ldOut) {
        if (n < L) {
            SCALAR.dotBlock(rows, cols, n, batches, batchStride, x, xOff, xStride, y, yOff, yStride, out, outOff,
                    ldOut);
            return;
        }
        // The last step covers a row's last L elements; its lanes below `counted` were reached by the
        // steps before (none when L divides n, and then the mask keeps every lane).
        int counted = (L - n % L) % L;
        VectorMask<Double> tail = S.indexInRange(-counted, L - counted);
        boolean sameRows = x == y && xStride == yStride;
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int xi = xOff + i * xStride;
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                int yj = yOff + j * yStride;
                int o = outOff + i * ldOut + j;
                if (sameRows && xi == yj) {
                    lower4(n, batches, batchStride, x, xi, xStride, tail, out, o, ldOut);
                } else {
                    tile4x4(n, batches, batchStride, x, xi, xStride, y, yj, yStride, tail, out, o, ldOut);
                }
            }
            for (; j < cols; j++) {
                for (int r = 0; r < 4; r++) {
                    tile1x1(n, batches, batchStride, x, xi + r * xStride, y, yOff + j * yStride, tail, out,
                            outOff + (i + r) * ldOut + j);
                }
            }
        }
        for (; i < rows; i++) {
            int xi = xOff + i * xStride;
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                tile1x4(n, batches, batchStride, x, xi, y, yOff + j * yStride, yStride, tail, out,
                        outOff + i * ldOut + j);
            }
            for (; j < cols; j++) {
                tile1x1(n, batches, batchStride, x, xi, y, yOff + j * yStride, tail, out, outOff + i * ldOut + j);
            }
        }
    }

    /** The 4×4 tile, 16 accumulators (see {@link #dotBlock}). */
    private static void tile4x4(int n, int batches, int batchStride, double[] x, int xi, int xs, double[] y, int yj,
                                int ys, VectorMask<Double> tail, double[] out, int o, int ld) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        int last = n - L;
        int x1 = 1 * xs;
        int x2 = 2 * xs;
        int x3 = 3 * xs;
        int y1 = 1 * ys;
        int y2 = 2 * ys;
        int y3 = 3 * ys;
        for (int b = 0; b < batches; b++, xi += batchStride, yj += batchStride) {
            for (int p = 0; p < last; p += L) {
                DoubleVector a0 = DoubleVector.fromArray(S, x, xi + p);
                DoubleVector a1 = DoubleVector.fromArray(S, x, xi + x1 + p);
                DoubleVector a2 = DoubleVector.fromArray(S, x, xi + x2 + p);
                DoubleVector a3 = DoubleVector.fromArray(S, x, xi + x3 + p);
                DoubleVector b0 = DoubleVector.fromArray(S, y, yj + p);
                DoubleVector b1 = DoubleVector.fromArray(S, y, yj + y1 + p);
                DoubleVector b2 = DoubleVector.fromArray(S, y, yj + y2 + p);
                DoubleVector b3 = DoubleVector.fromArray(S, y, yj + y3 + p);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
                c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
                c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
                c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
            }
            DoubleVector a0 = z.blend(DoubleVector.fromArray(S, x, xi + last), tail);
            DoubleVector a1 = z.blend(DoubleVector.fromArray(S, x, xi + x1 + last), tail);
            DoubleVector a2 = z.blend(DoubleVector.fromArray(S, x, xi + x2 + last), tail);
            DoubleVector a3 = z.blend(DoubleVector.fromArray(S, x, xi + x3 + last), tail);
            DoubleVector b0 = z.blend(DoubleVector.fromArray(S, y, yj + last), tail);
            DoubleVector b1 = z.blend(DoubleVector.fromArray(S, y, yj + y1 + last), tail);
            DoubleVector b2 = z.blend(DoubleVector.fromArray(S, y, yj + y2 + last), tail);
            DoubleVector b3 = z.blend(DoubleVector.fromArray(S, y, yj + y3 + last), tail);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12); c13 = a1.fma(b3, c13);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22); c23 = a2.fma(b3, c23);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32); c33 = a3.fma(b3, c33);
        }
        out[o] += sumLanes(c00);
        out[o + 1] += sumLanes(c01);
        out[o + 2] += sumLanes(c02);
        out[o + 3] += sumLanes(c03);
        out[o + 1 * ld] += sumLanes(c10);
        out[o + 1 * ld + 1] += sumLanes(c11);
        out[o + 1 * ld + 2] += sumLanes(c12);
        out[o + 1 * ld + 3] += sumLanes(c13);
        out[o + 2 * ld] += sumLanes(c20);
        out[o + 2 * ld + 1] += sumLanes(c21);
        out[o + 2 * ld + 2] += sumLanes(c22);
        out[o + 2 * ld + 3] += sumLanes(c23);
        out[o + 3 * ld] += sumLanes(c30);
        out[o + 3 * ld + 1] += sumLanes(c31);
        out[o + 3 * ld + 2] += sumLanes(c32);
        out[o + 3 * ld + 3] += sumLanes(c33);
    }

    /** One row against 4 (see {@link #dotBlock}). */
    private static void tile1x4(int n, int batches, int batchStride, double[] x, int xi, double[] y, int yj,
                                int ys, VectorMask<Double> tail, double[] out, int o) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c03 = z;
        int last = n - L;
        int y1 = 1 * ys;
        int y2 = 2 * ys;
        int y3 = 3 * ys;
        for (int b = 0; b < batches; b++, xi += batchStride, yj += batchStride) {
            for (int p = 0; p < last; p += L) {
                DoubleVector a0 = DoubleVector.fromArray(S, x, xi + p);
                DoubleVector b0 = DoubleVector.fromArray(S, y, yj + p);
                DoubleVector b1 = DoubleVector.fromArray(S, y, yj + y1 + p);
                DoubleVector b2 = DoubleVector.fromArray(S, y, yj + y2 + p);
                DoubleVector b3 = DoubleVector.fromArray(S, y, yj + y3 + p);
                c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
            }
            DoubleVector a0 = z.blend(DoubleVector.fromArray(S, x, xi + last), tail);
            DoubleVector b0 = z.blend(DoubleVector.fromArray(S, y, yj + last), tail);
            DoubleVector b1 = z.blend(DoubleVector.fromArray(S, y, yj + y1 + last), tail);
            DoubleVector b2 = z.blend(DoubleVector.fromArray(S, y, yj + y2 + last), tail);
            DoubleVector b3 = z.blend(DoubleVector.fromArray(S, y, yj + y3 + last), tail);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02); c03 = a0.fma(b3, c03);
        }
        out[o] += sumLanes(c00);
        out[o + 1] += sumLanes(c01);
        out[o + 2] += sumLanes(c02);
        out[o + 3] += sumLanes(c03);
    }

    /** One entry (see {@link #dotBlock}). */
    private static void tile1x1(int n, int batches, int batchStride, double[] x, int xi, double[] y, int yj,
                                VectorMask<Double> tail, double[] out, int o) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z;
        int last = n - L;
        for (int b = 0; b < batches; b++, xi += batchStride, yj += batchStride) {
            for (int p = 0; p < last; p += L) {
                DoubleVector a0 = DoubleVector.fromArray(S, x, xi + p);
                DoubleVector b0 = DoubleVector.fromArray(S, y, yj + p);
                c00 = a0.fma(b0, c00);
            }
            DoubleVector a0 = z.blend(DoubleVector.fromArray(S, x, xi + last), tail);
            DoubleVector b0 = z.blend(DoubleVector.fromArray(S, y, yj + last), tail);
            c00 = a0.fma(b0, c00);
        }
        out[o] += sumLanes(c00);
    }

    /**
     * The 4×4 tile whose rows of x and y are the same slices: its 10 entries {@code (a, b)}, {@code b ≤ a},
     * each added to {@code (a, b)} and {@code (b, a)} (the same value bitwise as {@link #tile4x4} would give).
     */
    private static void lower4(int n, int batches, int batchStride, double[] x, int xi, int xs,
                               VectorMask<Double> tail, double[] out, int o, int ld) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c10 = z, c11 = z, c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        int last = n - L;
        int x1 = 1 * xs;
        int x2 = 2 * xs;
        int x3 = 3 * xs;
        for (int b = 0; b < batches; b++, xi += batchStride) {
            for (int p = 0; p < last; p += L) {
                DoubleVector a0 = DoubleVector.fromArray(S, x, xi + p);
                DoubleVector a1 = DoubleVector.fromArray(S, x, xi + x1 + p);
                DoubleVector a2 = DoubleVector.fromArray(S, x, xi + x2 + p);
                DoubleVector a3 = DoubleVector.fromArray(S, x, xi + x3 + p);
                c00 = a0.fma(a0, c00);
                c10 = a1.fma(a0, c10); c11 = a1.fma(a1, c11);
                c20 = a2.fma(a0, c20); c21 = a2.fma(a1, c21); c22 = a2.fma(a2, c22);
                c30 = a3.fma(a0, c30); c31 = a3.fma(a1, c31); c32 = a3.fma(a2, c32); c33 = a3.fma(a3, c33);
            }
            DoubleVector a0 = z.blend(DoubleVector.fromArray(S, x, xi + last), tail);
            DoubleVector a1 = z.blend(DoubleVector.fromArray(S, x, xi + x1 + last), tail);
            DoubleVector a2 = z.blend(DoubleVector.fromArray(S, x, xi + x2 + last), tail);
            DoubleVector a3 = z.blend(DoubleVector.fromArray(S, x, xi + x3 + last), tail);
            c00 = a0.fma(a0, c00);
            c10 = a1.fma(a0, c10); c11 = a1.fma(a1, c11);
            c20 = a2.fma(a0, c20); c21 = a2.fma(a1, c21); c22 = a2.fma(a2, c22);
            c30 = a3.fma(a0, c30); c31 = a3.fma(a1, c31); c32 = a3.fma(a2, c32); c33 = a3.fma(a3, c33);
        }
        double s00 = sumLanes(c00);
        double s10 = sumLanes(c10);
        double s11 = sumLanes(c11);
        double s20 = sumLanes(c20);
        double s21 = sumLanes(c21);
        double s22 = sumLanes(c22);
        double s30 = sumLanes(c30);
        double s31 = sumLanes(c31);
        double s32 = sumLanes(c32);
        double s33 = sumLanes(c33);
        out[o] += s00;
        out[o + 1 * ld] += s10;
        out[o + 1] += s10;
        out[o + 1 * ld + 1] += s11;
        out[o + 2 * ld] += s20;
        out[o + 2] += s20;
        out[o + 2 * ld + 1] += s21;
        out[o + 1 * ld + 2] += s21;
        out[o + 2 * ld + 2] += s22;
        out[o + 3 * ld] += s30;
        out[o + 3] += s30;
        out[o + 3 * ld + 1] += s31;
        out[o + 1 * ld + 3] += s31;
        out[o + 3 * ld + 2] += s32;
        out[o + 2 * ld + 3] += s32;
        out[o + 3 * ld + 3] += s33;
    }

    /**
     * {@code 0 + v₀ + v₁ + … + v_{L−1}}, left to right: the order of the Vector API's Java fallback
     * for {@code reduceLanes(ADD)}, which C2 on JDK 17 keeps. Not {@code reduceLanes} itself: the API leaves the order of a floating-point
     * reduction open, and measured on JDK 25 the compiled reduction adds in another order than the
     * interpreter, so a sum's last bits would depend on whether its kernel had been compiled yet
     * (and, on several threads, on which thread ran it first). {@code ReductionOrderTest} holds the
     * reductions to the same bits before and after compilation.
     */
    private static double sumLanes(DoubleVector v) {
        double s = 0.0;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    @Override
    public double sum(double[] x, int xOff, int n) {
        if (n < 2 * L) {
            double s = 0.0;
            for (int i = 0; i < n; i++) {
                s += x[xOff + i];
            }
            return s;
        }
        DoubleVector acc0 = DoubleVector.zero(S);
        DoubleVector acc1 = acc0;
        DoubleVector acc2 = acc0;
        DoubleVector acc3 = acc0;
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            acc0 = acc0.add(DoubleVector.fromArray(S, x, xOff + i));
            acc1 = acc1.add(DoubleVector.fromArray(S, x, xOff + i + L));
            acc2 = acc2.add(DoubleVector.fromArray(S, x, xOff + i + 2 * L));
            acc3 = acc3.add(DoubleVector.fromArray(S, x, xOff + i + 3 * L));
        }
        for (; i <= n - L; i += L) {
            acc0 = acc0.add(DoubleVector.fromArray(S, x, xOff + i));
        }
        double s = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    @Override
    public double sumOfSquares(double[] x, int xOff, int n) {
        return dot(x, xOff, x, xOff, n);
    }

    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            DoubleVector a = DoubleVector.broadcast(S, alpha);
            for (; i <= n - L; i += L) {
                DoubleVector.fromArray(S, x, xOff + i).fma(a, DoubleVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void scale(double alpha, double[] x, int xOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                DoubleVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
            }
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public void add(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                DoubleVector.fromArray(S, x, xOff + i).add(DoubleVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] + y[yOff + i];
        }
    }

    @Override
    public void sub(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                DoubleVector.fromArray(S, x, xOff + i).sub(DoubleVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] - y[yOff + i];
        }
    }

    @Override
    public void mul(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                DoubleVector.fromArray(S, x, xOff + i).mul(DoubleVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void hadamardInto(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i),
                        DoubleVector.fromArray(S, out, outOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] += x[xOff + i] * y[yOff + i];
        }
    }

    /**
     * {@inheritDoc} Here {@code L} outputs at a time: each window entry is gathered for the {@code L}
     * windows at once and replaces the running maximum (and its index) in the lanes where it is
     * strictly greater, so the first maximum wins as in the scalar loop. A block holding a NaN, and the
     * last {@code < L} outputs, are done by the scalar twin, and so is everything before JDK 25 (see
     * {@link #GATHER_POOLING}).
     */
    @Override
    public void maxPool(double[] x, int base, int w, int k, int[] windows, int from, int to, double[] y, int[] argmax,
                        int outOff, int shift) {
        int o = from;
        for (; GATHER_POOLING && o <= to - L; o += L) {
            IntVector first = IntVector.fromArray(I, windows, o).add(base);
            DoubleVector best = DoubleVector.fromArray(S, x, base, windows, o);
            IntVector at = first;
            VectorMask<Double> nan = best.test(VectorOperators.IS_NAN);
            for (int i = 0; i < k; i++) {
                for (int j = i == 0 ? 1 : 0; j < k; j++) {
                    int d = i * w + j;
                    DoubleVector v = DoubleVector.fromArray(S, x, base + d, windows, o);
                    VectorMask<Double> greater = v.compare(VectorOperators.GT, best);
                    best = best.blend(v, greater);
                    at = at.blend(first.add(d), greater.cast(I));
                    nan = nan.or(v.test(VectorOperators.IS_NAN));
                }
            }
            if (nan.anyTrue()) {
                SCALAR.maxPool(x, base, w, k, windows, o, o + L, y, argmax, outOff, shift);
            } else {
                best.intoArray(y, outOff + o);
                at.sub(shift).intoArray(argmax, outOff + o);
            }
        }
        SCALAR.maxPool(x, base, w, k, windows, o, to, y, argmax, outOff, shift);
    }

    @Override
    public int gemmMr() {
        return MR;
    }

    @Override
    public int gemmNr() {
        return NR;
    }

    @Override
    public void gemmMicroKernel(int kc, double[] aPack, int aOff, double[] bPack, int bOff, double[] tile) {
        // Packed panels are the strided case with strides (1, MR) and NR; with loop-invariant strides the
        // compiled loop is as fast as with constant ones, and one kernel method warms up sooner than two.
        gemmMicroKernelStrided(kc, aPack, aOff, 1, MR, bPack, bOff, NR, NR, tile);
    }

    @Override
    public void gemmMicroKernelStrided(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                       double[] b, int bOff, int bDepthStride, int cols, double[] tile) {
        // Narrow edge panels use narrower kernels: the same sums per entry, fewer wasted lanes.
        int vectors = Math.min(3, (cols + L - 1) / L);
        if (MR == 8) {
            if (vectors == 3) {
                kernel8x3(kc, a, aOff, aRowStride, aDepthStride, b, bOff, bDepthStride, tile);
            } else if (vectors == 2) {
                kernel8x2(kc, a, aOff, aRowStride, aDepthStride, b, bOff, bDepthStride, tile);
            } else {
                kernel8x1(kc, a, aOff, aRowStride, aDepthStride, b, bOff, bDepthStride, tile);
            }
        } else {
            if (vectors == 3) {
                kernel4x3(kc, a, aOff, aRowStride, aDepthStride, b, bOff, bDepthStride, tile);
            } else if (vectors == 2) {
                kernel4x2(kc, a, aOff, aRowStride, aDepthStride, b, bOff, bDepthStride, tile);
            } else {
                kernel4x1(kc, a, aOff, aRowStride, aDepthStride, b, bOff, bDepthStride, tile);
            }
        }
    }

    @Override
    public void gemmStoreTile(double[] tile, double alpha, double beta, double[] c, int cOff, int ldc) {
        for (int r = 0, t = 0, at = cOff; r < MR; r++, at += ldc) {
            for (int j = 0; j < NR; j += L, t += L) {
                DoubleVector v = DoubleVector.fromArray(S, tile, t).mul(alpha);
                if (beta != 0.0) {
                    v = v.add(DoubleVector.fromArray(S, c, at + j).mul(beta));
                }
                v.intoArray(c, at + j);
            }
        }
    }

    /** The 8-row, 3-vector micro-kernel on operands in place (see {@link #gemmMicroKernelStrided}). */
    private static void kernel8x3(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                  double[] b, int bOff, int bDepthStride, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z, c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z, c60 = z, c61 = z, c62 = z, c70 = z, c71 = z, c72 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int r4 = 4 * aRowStride;
        int r5 = 5 * aRowStride;
        int r6 = 6 * aRowStride;
        int r7 = 7 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            x = DoubleVector.broadcast(S, a[ai + r4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            c42 = b2.fma(x, c42);
            x = DoubleVector.broadcast(S, a[ai + r5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            c52 = b2.fma(x, c52);
            x = DoubleVector.broadcast(S, a[ai + r6]);
            c60 = b0.fma(x, c60);
            c61 = b1.fma(x, c61);
            c62 = b2.fma(x, c62);
            x = DoubleVector.broadcast(S, a[ai + r7]);
            c70 = b0.fma(x, c70);
            c71 = b1.fma(x, c71);
            c72 = b2.fma(x, c72);
        }
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + L);
        c02.intoArray(tile, 0 * NR + 2 * L);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + L);
        c12.intoArray(tile, 1 * NR + 2 * L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c32.intoArray(tile, 3 * NR + 2 * L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c42.intoArray(tile, 4 * NR + 2 * L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c52.intoArray(tile, 5 * NR + 2 * L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c62.intoArray(tile, 6 * NR + 2 * L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
        c72.intoArray(tile, 7 * NR + 2 * L);
    }

    /** The 8-row, 2-vector micro-kernel on operands in place (see {@link #gemmMicroKernelStrided}). */
    private static void kernel8x2(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                  double[] b, int bOff, int bDepthStride, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int r4 = 4 * aRowStride;
        int r5 = 5 * aRowStride;
        int r6 = 6 * aRowStride;
        int r7 = 7 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = DoubleVector.broadcast(S, a[ai + r4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = DoubleVector.broadcast(S, a[ai + r5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            x = DoubleVector.broadcast(S, a[ai + r6]);
            c60 = b0.fma(x, c60);
            c61 = b1.fma(x, c61);
            x = DoubleVector.broadcast(S, a[ai + r7]);
            c70 = b0.fma(x, c70);
            c71 = b1.fma(x, c71);
        }
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    /** The 8-row, 1-vector micro-kernel on operands in place (see {@link #gemmMicroKernelStrided}). */
    private static void kernel8x1(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                  double[] b, int bOff, int bDepthStride, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c10 = z, c20 = z, c30 = z, c40 = z, c50 = z, c60 = z, c70 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int r4 = 4 * aRowStride;
        int r5 = 5 * aRowStride;
        int r6 = 6 * aRowStride;
        int r7 = 7 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            x = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            x = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            x = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
            x = DoubleVector.broadcast(S, a[ai + r4]);
            c40 = b0.fma(x, c40);
            x = DoubleVector.broadcast(S, a[ai + r5]);
            c50 = b0.fma(x, c50);
            x = DoubleVector.broadcast(S, a[ai + r6]);
            c60 = b0.fma(x, c60);
            x = DoubleVector.broadcast(S, a[ai + r7]);
            c70 = b0.fma(x, c70);
        }
        c00.intoArray(tile, 0 * NR);
        c10.intoArray(tile, 1 * NR);
        c20.intoArray(tile, 2 * NR);
        c30.intoArray(tile, 3 * NR);
        c40.intoArray(tile, 4 * NR);
        c50.intoArray(tile, 5 * NR);
        c60.intoArray(tile, 6 * NR);
        c70.intoArray(tile, 7 * NR);
    }

    /** The 4-row, 3-vector micro-kernel on operands in place (see {@link #gemmMicroKernelStrided}). */
    private static void kernel4x3(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                  double[] b, int bOff, int bDepthStride, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bi + 2 * L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
        }
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + L);
        c02.intoArray(tile, 0 * NR + 2 * L);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + L);
        c12.intoArray(tile, 1 * NR + 2 * L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c32.intoArray(tile, 3 * NR + 2 * L);
    }

    /** The 4-row, 2-vector micro-kernel on operands in place (see {@link #gemmMicroKernelStrided}). */
    private static void kernel4x2(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                  double[] b, int bOff, int bDepthStride, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
    }

    /** The 4-row, 1-vector micro-kernel on operands in place (see {@link #gemmMicroKernelStrided}). */
    private static void kernel4x1(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                  double[] b, int bOff, int bDepthStride, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c10 = z, c20 = z, c30 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            x = DoubleVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            x = DoubleVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            x = DoubleVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
        }
        c00.intoArray(tile, 0 * NR);
        c10.intoArray(tile, 1 * NR);
        c20.intoArray(tile, 2 * NR);
        c30.intoArray(tile, 3 * NR);
    }
}
