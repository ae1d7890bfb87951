package org.jlaplace.core.kernels;

/**
 * Plain-Java kernels: the implementation that always works, and the twin against which the SIMD
 * kernels are tested. Its GEMM micro-tile is {@code 4×4}, held in sixteen local accumulators.
 */
public final class ScalarVectorKernels implements VectorKernels {

    static final ScalarVectorKernels INSTANCE = new ScalarVectorKernels();

    private static final int MR = 4;
    private static final int NR = 4;

    private ScalarVectorKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    /** {@inheritDoc} Here entry by entry, each a sum in increasing {@code (b, p)} from zero. */
    @Override
    public void dotBlock(int rows, int cols, int n, int batches, int batchStride, double[] x, int xOff, int xStride,
                         double[] y, int yOff, int yStride, double[] out, int outOff, int ldOut) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0.0;
                for (int b = 0, xi = xOff + i * xStride, yj = yOff + j * yStride; b < batches;
                     b++, xi += batchStride, yj += batchStride) {
                    for (int p = 0; p < n; p++) {
                        s += x[xi + p] * y[yj + p];
                    }
                }
                out[outOff + i * ldOut + j] += s;
            }
        }
    }

    @Override
    public double sum(double[] x, int xOff, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    @Override
    public double sumOfSquares(double[] x, int xOff, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            s += v * v;
        }
        return s;
    }

    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void scale(double alpha, double[] x, int xOff, int n) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    @Override
    public void add(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] + y[yOff + i];
        }
    }

    @Override
    public void sub(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] - y[yOff + i];
        }
    }

    @Override
    public void mul(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void hadamardInto(double[] x, int xOff, double[] y, int yOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] += x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void maxPool(double[] x, int base, int w, int k, int[] windows, int from, int to, double[] y, int[] argmax,
                        int outOff, int shift) {
        for (int o = from; o < to; o++) {
            int first = base + windows[o];
            int best = first;
            double bestValue = x[first];
            boolean nan = false;
            for (int i = 0; i < k; i++) {
                int row = first + i * w;
                for (int j = 0; j < k; j++) {
                    double v = x[row + j];
                    if (v > bestValue) {
                        bestValue = v;
                        best = row + j;
                    }
                    nan |= v != v;
                }
            }
            if (nan) {
                best = firstNaN(x, first, w, k);
                bestValue = x[best];
            }
            y[outOff + o] = bestValue;
            argmax[outOff + o] = best - shift;
        }
    }

    /** The first NaN in row-major order of the window starting at {@code first} (one is known to be there). */
    private static int firstNaN(double[] x, int first, int w, int k) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (Double.isNaN(x[first + i * w + j])) {
                    return first + i * w + j;
                }
            }
        }
        throw new IllegalStateException("no NaN in the window");
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
        gemmMicroKernelStrided(kc, aPack, aOff, 1, MR, bPack, bOff, NR, NR, tile);
    }

    @Override
    public void gemmMicroKernelStrided(int kc, double[] a, int aOff, int aRowStride, int aDepthStride,
                                       double[] b, int bOff, int bDepthStride, int cols, double[] tile) {
        // Sixteen named accumulators so that the JIT keeps the tile in registers.
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int ai = aOff;
        int bi = bOff;
        int a1At = aRowStride;
        int a2At = 2 * aRowStride;
        int a3At = 3 * aRowStride;
        for (int p = 0; p < kc; p++, ai += aDepthStride, bi += bDepthStride) {
            double b0 = b[bi];
            double b1 = b[bi + 1];
            double b2 = b[bi + 2];
            double b3 = b[bi + 3];
            double a0 = a[ai];
            double a1 = a[ai + a1At];
            double a2 = a[ai + a2At];
            double a3 = a[ai + a3At];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
        tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
        tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
        tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
    }

    @Override
    public void gemmStoreTile(double[] tile, double alpha, double beta, double[] c, int cOff, int ldc) {
        for (int r = 0; r < MR; r++) {
            int at = cOff + r * ldc;
            for (int j = 0; j < NR; j++) {
                double t = tile[r * NR + j];
                c[at + j] = beta == 0.0 ? alpha * t : alpha * t + beta * c[at + j];
            }
        }
    }
}
