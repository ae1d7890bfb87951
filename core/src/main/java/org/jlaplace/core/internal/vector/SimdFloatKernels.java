package org.jlaplace.core.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.jlaplace.core.kernels.FloatKernels;
import org.jlaplace.core.kernels.KernelProvider;

/**
 * The float32 kernels written with the Vector API on the preferred species
 * ({@code FloatVector.SPECIES_PREFERRED}, 16 lanes with AVX-512): the float twin of
 * {@link SimdVectorKernels}, with the same reductions (four accumulators over {@code 4·lanes}, then
 * a one-vector tail, the lanes added in lane order ({@link #sumLanes}) and a scalar tail;
 * scalar below {@code 2·lanes}). The GEMM
 * micro-tile is {@code MR × 3·lanes}, {@code 8×48} with AVX-512 (24 accumulators of the 32 registers),
 * {@code 4×24} with AVX2; each tile entry is summed by fused multiply-adds in increasing depth.
 *
 * <p>Its code repeats {@link SimdVectorKernels} line for line with {@code FloatVector} for
 * {@code DoubleVector}: Java has no generics over primitive arrays or vector element types, and a
 * shared abstraction over both would cost the JIT the constant species it needs to keep the
 * micro-tile in registers. Loaded reflectively by {@code KernelProvider}; public only for that.
 */
public final class SimdFloatKernels implements FloatKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Int lanes matching the float lanes one to one, for window indices. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    private static final FloatKernels SCALAR = KernelProvider.scalarFloats();
    private static final int MR = L >= 16 ? 8 : 4;
    private static final int NR = 3 * L;

    /** Public for reflective loading only; use {@code KernelProvider.get()}. */
    public SimdFloatKernels() {
        if (L < 2) {
            throw new IllegalStateException("SIMD kernels: the preferred float species has " + L + " lane");
        }
    }

    @Override
    public String name() {
        return "simd-f32-" + S.vectorBitSize();
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        if (n < 2 * L) {
            float s = 0.0f;
            for (int i = 0; i < n; i++) {
                s += x[xOff + i] * y[yOff + i];
            }
            return s;
        }
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            acc0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc0);
            acc1 = FloatVector.fromArray(S, x, xOff + i + L).fma(FloatVector.fromArray(S, y, yOff + i + L), acc1);
            acc2 = FloatVector.fromArray(S, x, xOff + i + 2 * L).fma(FloatVector.fromArray(S, y, yOff + i + 2 * L), acc2);
            acc3 = FloatVector.fromArray(S, x, xOff + i + 3 * L).fma(FloatVector.fromArray(S, y, yOff + i + 3 * L), acc3);
        }
        for (; i <= n - L; i += L) {
            acc0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc0);
        }
        float s = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    @Override
    public float sum(float[] x, int xOff, int n) {
        if (n < 2 * L) {
            float s = 0.0f;
            for (int i = 0; i < n; i++) {
                s += x[xOff + i];
            }
            return s;
        }
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            acc0 = acc0.add(FloatVector.fromArray(S, x, xOff + i));
            acc1 = acc1.add(FloatVector.fromArray(S, x, xOff + i + L));
            acc2 = acc2.add(FloatVector.fromArray(S, x, xOff + i + 2 * L));
            acc3 = acc3.add(FloatVector.fromArray(S, x, xOff + i + 3 * L));
        }
        for (; i <= n - L; i += L) {
            acc0 = acc0.add(FloatVector.fromArray(S, x, xOff + i));
        }
        float s = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    @Override
    public float sumOfSquares(float[] x, int xOff, int n) {
        return dot(x, xOff, x, xOff, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            FloatVector a = FloatVector.broadcast(S, alpha);
            for (; i <= n - L; i += L) {
                FloatVector.fromArray(S, x, xOff + i).fma(a, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int xOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
            }
        }
        for (; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                FloatVector.fromArray(S, x, xOff + i).add(FloatVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] + y[yOff + i];
        }
    }

    @Override
    public void sub(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                FloatVector.fromArray(S, x, xOff + i).sub(FloatVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] - y[yOff + i];
        }
    }

    @Override
    public void mul(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
            }
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void hadamardInto(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        if (n >= 2 * L) {
            for (; i <= n - L; i += L) {
                FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i),
                        FloatVector.fromArray(S, out, outOff + i)).intoArray(out, outOff + i);
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
     * last {@code < L} outputs, are done by the scalar twin.
     */
    @Override
    public void maxPool(float[] x, int base, int w, int k, int[] windows, int from, int to, float[] y, int[] argmax,
                        int outOff, int shift) {
        int o = from;
        for (; o <= to - L; o += L) {
            IntVector first = IntVector.fromArray(I, windows, o).add(base);
            FloatVector best = FloatVector.fromArray(S, x, base, windows, o);
            IntVector at = first;
            VectorMask<Float> nan = best.test(VectorOperators.IS_NAN);
            for (int i = 0; i < k; i++) {
                for (int j = i == 0 ? 1 : 0; j < k; j++) {
                    int d = i * w + j;
                    FloatVector v = FloatVector.fromArray(S, x, base + d, windows, o);
                    VectorMask<Float> greater = v.compare(VectorOperators.GT, best);
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

    /** One vector: a narrow panel runs the kernel of {@code ⌈cols / L⌉} vectors. */
    @Override
    public int gemmNrQuantum() {
        return L;
    }

    @Override
    public void gemmMicroKernel(int kc, float[] aPack, int aOff, float[] bPack, int bOff, float[] tile) {
        // Packed panels are the strided case with strides (1, MR) and NR; with loop-invariant strides the
        // compiled loop is as fast as with constant ones, and one kernel method warms up sooner than two.
        gemmMicroKernelStrided(kc, aPack, aOff, 1, MR, bPack, bOff, NR, NR, tile);
    }

    @Override
    public void gemmMicroKernelStrided(int kc, float[] a, int aOff, int aRowStride, int aDepthStride,
                                       float[] b, int bOff, int bDepthStride, int cols, float[] tile) {
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
    public void gemmStoreTile(float[] tile, float alpha, float beta, float[] c, int cOff, int ldc) {
        for (int r = 0, t = 0, at = cOff; r < MR; r++, at += ldc) {
            for (int j = 0; j < NR; j += L, t += L) {
                FloatVector v = FloatVector.fromArray(S, tile, t).mul(alpha);
                if (beta != 0.0f) {
                    v = v.add(FloatVector.fromArray(S, c, at + j).mul(beta));
                }
                v.intoArray(c, at + j);
            }
        }
    }

    /** The 8-row, 3-vector micro-kernel on operands in place (see {@link #gemmMicroKernelStrided}). */
    private static void kernel8x3(int kc, float[] a, int aOff, int aRowStride, int aDepthStride,
                                  float[] b, int bOff, int bDepthStride, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z, c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z, c60 = z, c61 = z, c62 = z, c70 = z, c71 = z, c72 = z;
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
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            x = FloatVector.broadcast(S, a[ai + r4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            c42 = b2.fma(x, c42);
            x = FloatVector.broadcast(S, a[ai + r5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            c52 = b2.fma(x, c52);
            x = FloatVector.broadcast(S, a[ai + r6]);
            c60 = b0.fma(x, c60);
            c61 = b1.fma(x, c61);
            c62 = b2.fma(x, c62);
            x = FloatVector.broadcast(S, a[ai + r7]);
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
    private static void kernel8x2(int kc, float[] a, int aOff, int aRowStride, int aDepthStride,
                                  float[] b, int bOff, int bDepthStride, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
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
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(S, a[ai + r4]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(S, a[ai + r5]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            x = FloatVector.broadcast(S, a[ai + r6]);
            c60 = b0.fma(x, c60);
            c61 = b1.fma(x, c61);
            x = FloatVector.broadcast(S, a[ai + r7]);
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
    private static void kernel8x1(int kc, float[] a, int aOff, int aRowStride, int aDepthStride,
                                  float[] b, int bOff, int bDepthStride, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c30 = z, c40 = z, c50 = z, c60 = z, c70 = z;
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
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            x = FloatVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            x = FloatVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            x = FloatVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
            x = FloatVector.broadcast(S, a[ai + r4]);
            c40 = b0.fma(x, c40);
            x = FloatVector.broadcast(S, a[ai + r5]);
            c50 = b0.fma(x, c50);
            x = FloatVector.broadcast(S, a[ai + r6]);
            c60 = b0.fma(x, c60);
            x = FloatVector.broadcast(S, a[ai + r7]);
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
    private static void kernel4x3(int kc, float[] a, int aOff, int aRowStride, int aDepthStride,
                                  float[] b, int bOff, int bDepthStride, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            x = FloatVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            x = FloatVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            x = FloatVector.broadcast(S, a[ai + r3]);
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
    private static void kernel4x2(int kc, float[] a, int aOff, int aRowStride, int aDepthStride,
                                  float[] b, int bOff, int bDepthStride, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + r3]);
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
    private static void kernel4x1(int kc, float[] a, int aOff, int aRowStride, int aDepthStride,
                                  float[] b, int bOff, int bDepthStride, float[] tile) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c30 = z;
        int r1 = 1 * aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector x;
            x = FloatVector.broadcast(S, a[ai]);
            c00 = b0.fma(x, c00);
            x = FloatVector.broadcast(S, a[ai + r1]);
            c10 = b0.fma(x, c10);
            x = FloatVector.broadcast(S, a[ai + r2]);
            c20 = b0.fma(x, c20);
            x = FloatVector.broadcast(S, a[ai + r3]);
            c30 = b0.fma(x, c30);
        }
        c00.intoArray(tile, 0 * NR);
        c10.intoArray(tile, 1 * NR);
        c20.intoArray(tile, 2 * NR);
        c30.intoArray(tile, 3 * NR);
    }

    /**
     * {@code 0 + v₀ + v₁ + … + v_{L−1}} in float, left to right: the Java fallback's order for
     * {@code reduceLanes(ADD)} (see {@code SimdVectorKernels.sumLanes}: the compiled
     * reduction of JDK 25 adds in another order, which made results depend on compilation).
     */
    private static float sumLanes(FloatVector v) {
        float s = 0.0f;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }
}
