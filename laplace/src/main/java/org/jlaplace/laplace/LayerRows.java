package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.LayerFactors;
import org.jlaplace.core.linalg.Syrk;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.internal.DenseOps;

/**
 * One parametric layer's share of the weighted Jacobian on a batch: inputs {@code a_nt}
 * ({@code [M, T, in]}, {@code T = 1} for Linear, the im2col patches for Conv2d) and output
 * cotangents {@code b_nrt} ({@code [M·R, out, T]}). Weight row {@code (n, r)} is
 * {@code Σ_t b_nrt ⊗ a_nt} (an {@code out×in} matrix), bias row {@code Σ_t b_nrt}.
 */
final class LayerRows {
    private final LayerFactors factors;
    private final double[] inputs;
    private final double[] cotangents;
    private final int m;
    private final int r;
    private final int in;
    private final int out;
    private final int positions;

    LayerRows(LayerFactors factors) {
        this.factors = factors;
        this.inputs = factors.inputs();
        this.cotangents = factors.cotangents();
        this.m = factors.batchSize();
        this.r = factors.directions();
        this.in = factors.in();
        this.out = factors.out();
        this.positions = factors.positions();
    }

    /** Writes weight row {@code row = n·R + r'} ({@code out·in} values) at {@code dst[off…]}. */
    void weightRow(int row, double[] dst, int off) {
        factors.addWeightRow(row, dst, off);
    }

    /** Writes bias row {@code row} ({@code out} values) at {@code dst[off…]}. */
    void biasRow(int row, double[] dst, int off) {
        factors.addBiasRow(row, dst, off);
    }

    /**
     * Adds the lower triangle (diagonal included) of this layer's weight kernel to
     * {@code weightKernel} and of its bias kernel to {@code biasKernel} (if non-null; it may be the
     * same array). Linear: {@code (B Bᵀ) ⊙ (A Aᵀ ⊗ 1)} and {@code B Bᵀ} without forming rows, with
     * {@code B Bᵀ} one SYRK into {@code scratch} ({@code (M·R)²} entries, overwritten); Conv2d: Gram
     * matrices of the explicit rows. Entries above the diagonal are left for the caller to fill by
     * symmetry. When {@code biasExclusive}, {@code biasKernel} belongs to this bias alone and is still
     * zero: {@code B Bᵀ} is then written straight into it and read from there, one
     * {@code (M·R)²} pass fewer (a layerwise prior).
     */
    void addLowerKernels(double[] weightKernel, double[] biasKernel, double[] scratch, boolean biasExclusive) {
        int rows = m * r;
        if (positions == 1) {
            double[] aa = DenseOps.rowGram(inputs, m, in, 0, in);
            if (biasExclusive && biasKernel != null && biasKernel != weightKernel) {
                Syrk.syrk(false, rows, out, 1.0, cotangents, 0, out, 0.0, biasKernel, 0, rows);
                addHadamardLower(biasKernel, aa, rows, weightKernel, null);
                return;
            }
            Syrk.syrk(false, rows, out, 1.0, cotangents, 0, out, 0.0, scratch, 0, rows);
            addHadamardLower(scratch, aa, rows, weightKernel, biasKernel);
            return;
        }
        int w = out * in;
        double[] wr = new double[rows * w];
        for (int row = 0; row < rows; row++) {
            weightRow(row, wr, row * w);
        }
        Syrk.syrk(false, rows, w, 1.0, wr, 0, w, 1.0, weightKernel, 0, rows);
        if (biasKernel != null) {
            double[] br = new double[rows * out];
            for (int row = 0; row < rows; row++) {
                biasRow(row, br, row * out);
            }
            Syrk.syrk(false, rows, out, 1.0, br, 0, out, 1.0, biasKernel, 0, rows);
        }
    }

    /**
     * This Linear layer's unexpanded kernels ({@code Q = B Bᵀ} lower, {@code A = X Xᵀ}), or
     * {@code null} for a convolution.
     */
    LinearLayerGram linearGram(int weightGroup, int biasGroup) {
        if (positions != 1) {
            return null;
        }
        int rows = m * r;
        double[] q = new double[rows * rows];
        Syrk.syrk(false, rows, out, 1.0, cotangents, 0, out, 0.0, q, 0, rows);
        return new LinearLayerGram(weightGroup, biasGroup, q, DenseOps.rowGram(inputs, m, in, 0, in), m, r);
    }

    /**
     * Lower triangles: {@code weight[i, j] += bb[i, j]·aa[i/R, j/R]} and {@code bias[i, j] += bb[i, j]}
     * (one pass with factor {@code aa + 1} when both are the same array). The row of {@code aa} is
     * first spread to length {@code M·R} so that the inner loops are plain elementwise products.
     */
    private void addHadamardLower(double[] bb, double[] aa, int rows, double[] weight, double[] bias) {
        boolean fused = bias == weight;
        double[] spread = new double[rows];
        for (int n = 0; n < m; n++) {
            int width = (n + 1) * r;
            for (int j = 0; j < width; j++) {
                spread[j] = aa[n * m + j / r] + (fused ? 1.0 : 0.0);
            }
            for (int i = n * r; i < width; i++) {
                int ri = i * rows;
                for (int j = 0; j <= i; j++) {
                    weight[ri + j] += bb[ri + j] * spread[j];
                }
                if (bias != null && !fused) {
                    for (int j = 0; j <= i; j++) {
                        bias[ri + j] += bb[ri + j];
                    }
                }
            }
        }
    }

    /**
     * Adds, for every direction {@code q}, the {@code M×M} kernels of the rows {@code n·R + q}:
     * weight into {@code weight[q]}, bias into {@code bias[q]} (if non-null).
     */
    void addBlockKernels(double[][] weight, double[][] bias) {
        if (positions == 1) {
            double[] aa = DenseOps.rowGram(inputs, m, in, 0, in);
            double[] bb = new double[m * m];
            for (int q = 0; q < r; q++) {
                // Rows n·R + q of the cotangents: offset q·out, stride R·out.
                Syrk.syrk(false, m, out, 1.0, cotangents, q * out, r * out, 0.0, bb, 0, m);
                Syrk.symmetrizeLower(bb, 0, m, m);
                double[] w = weight[q];
                for (int i = 0; i < w.length; i++) {
                    w[i] += bb[i] * aa[i];
                }
                if (bias != null) {
                    DenseOps.axpy(1.0, bb, bias[q]);
                }
            }
            return;
        }
        int w = out * in;
        for (int q = 0; q < r; q++) {
            double[] wr = new double[m * w];
            double[] br = new double[m * out];
            for (int n = 0; n < m; n++) {
                weightRow(n * r + q, wr, n * w);
                biasRow(n * r + q, br, n * out);
            }
            DenseOps.axpy(1.0, DenseOps.rowGram(wr, m, w, 0, w), weight[q]);
            if (bias != null) {
                DenseOps.axpy(1.0, DenseOps.rowGram(br, m, out, 0, out), bias[q]);
            }
        }
    }

    /**
     * The KFAC capture (expand: each position a datum): inputs {@code (M·T)×in}, cotangents in the
     * layer's own {@code [M·R, out, T]} layout (no copy).
     */
    KronCapture capture() {
        return new KronCapture(factors.weightParameter(), factors.biasParameter(), inputs, in, cotangents, out, m,
                positions);
    }
}
