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
    public int gemmMr() {
        return MR;
    }

    @Override
    public int gemmNr() {
        return NR;
    }

    @Override
    public void gemmMicroKernel(int kc, double[] aPack, int aOff, double[] bPack, int bOff,
                                double alpha, double beta, double[] c, int cOff, int ldc) {
        // Sixteen named accumulators so that the JIT keeps the tile in registers.
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            double b0 = bPack[bi];
            double b1 = bPack[bi + 1];
            double b2 = bPack[bi + 2];
            double b3 = bPack[bi + 3];
            double a0 = aPack[ai];
            double a1 = aPack[ai + 1];
            double a2 = aPack[ai + 2];
            double a3 = aPack[ai + 3];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        storeRow(alpha, beta, c00, c01, c02, c03, c, cOff);
        storeRow(alpha, beta, c10, c11, c12, c13, c, cOff + ldc);
        storeRow(alpha, beta, c20, c21, c22, c23, c, cOff + 2 * ldc);
        storeRow(alpha, beta, c30, c31, c32, c33, c, cOff + 3 * ldc);
    }

    private static void storeRow(double alpha, double beta, double v0, double v1, double v2, double v3,
                                 double[] c, int at) {
        if (beta == 0.0) {
            c[at] = alpha * v0;
            c[at + 1] = alpha * v1;
            c[at + 2] = alpha * v2;
            c[at + 3] = alpha * v3;
        } else {
            c[at] = alpha * v0 + beta * c[at];
            c[at + 1] = alpha * v1 + beta * c[at + 1];
            c[at + 2] = alpha * v2 + beta * c[at + 2];
            c[at + 3] = alpha * v3 + beta * c[at + 3];
        }
    }
}
