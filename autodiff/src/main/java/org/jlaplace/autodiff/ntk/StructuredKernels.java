package org.jlaplace.autodiff.ntk;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Syrk;

/**
 * {@link NtkMethod#STRUCTURED}: per-layer Gram matrices. For a Linear layer with inputs {@code a_n}
 * and output cotangents {@code b_i} (row {@code i = n·R + r}), the weight's Jacobian row is
 * {@code b_i ⊗ a_n}, so
 * <pre>  K_W[i, j] = (b_i·b_j)(a_n·a_m),   K_b[i, j] = b_i·b_j   (j = m·R + r')</pre>
 * i.e. {@code K_W = (B Bᵀ) ⊙ E(A Aᵀ)} with {@code E} repeating each entry over an {@code R×R}
 * block: one GEMM/SYRK of width {@code out} and one of width {@code in} instead of width
 * {@code out·in}. A Conv2d layer's per-example weight gradient is the sum over spatial positions
 * {@code Σ_s b_i[:, s] p_{n,s}ᵀ} of outer products with its im2col patches; it is formed per
 * example ({@code C_out·C_in·k²} values, the small group of a CNN) and Gram-multiplied by SYRK.
 * Only lower triangles are computed, then mirrored. {@code B Bᵀ} is formed in blocks of rows and
 * consumed at once, so no second {@code [N, N]} buffer is needed; for the total kernel every
 * Linear layer adds into a block of rows while that block is in cache.
 */
final class StructuredKernels {
    /** Rows of {@code B Bᵀ} per block. */
    private static final int ROW_BLOCK = 96;

    private StructuredKernels() {
    }

    static GroupKernels perGroup(BatchFactors f) {
        int n = f.rows;
        int groups = f.groups().size();
        double[][] kernels = new double[groups][];
        List<String> names = new ArrayList<>();
        double[] scratch = new double[Math.min(ROW_BLOCK, n) * n];
        for (int g = 0; g < groups; g++) {
            names.add(f.groups().get(g).name());
            if (kernels[g] != null) {
                continue;
            }
            if (f.singlePosition(g)) {
                int[] idx = f.model.layerParameterIndices(f.model.layerOfParameter(g));
                kernels[idx[0]] = new double[n * n];
                double[] bias = null;
                if (idx.length > 1) {
                    bias = new double[n * n];
                    kernels[idx[1]] = bias;
                }
                LinearGram gram = new LinearGram(f, idx[0], kernels[idx[0]], 1.0, bias, 1.0);
                for (int i0 = 0; i0 < n; i0 += ROW_BLOCK) {
                    gram.addRows(i0, Math.min(n, i0 + ROW_BLOCK), scratch);
                }
            } else {
                kernels[g] = new double[n * n];
                convGroup(f, g, 1.0, kernels[g]);
            }
        }
        for (double[] k : kernels) {
            Syrk.symmetrizeLower(k, 0, n, n);
        }
        return new GroupKernels(names, kernels, n);
    }

    /** {@code Σ_g s_g K_g} accumulated into one {@code [N, N]} buffer. */
    static double[] total(BatchFactors f, double[] scales) {
        int n = f.rows;
        double[] k = new double[n * n];
        List<LinearGram> linear = new ArrayList<>();
        for (int layer = 0; layer < f.model.numLayers(); layer++) {
            int[] idx = f.model.layerParameterIndices(layer);
            if (idx.length == 0) {
                continue;
            }
            if (f.singlePosition(idx[0])) {
                boolean bias = idx.length > 1;
                linear.add(new LinearGram(f, idx[0], k, scales[idx[0]], bias ? k : null, bias ? scales[idx[1]] : 0.0));
            } else {
                for (int g : idx) {
                    convGroup(f, g, scales[g], k);
                }
            }
        }
        double[] scratch = new double[Math.min(ROW_BLOCK, n) * n];
        for (int i0 = 0; i0 < n; i0 += ROW_BLOCK) {
            for (LinearGram gram : linear) {
                gram.addRows(i0, Math.min(n, i0 + ROW_BLOCK), scratch);
            }
        }
        Syrk.symmetrizeLower(k, 0, n, n);
        return k;
    }

    /**
     * One Linear layer's contribution to lower triangles: {@code weightTarget[i, j] +=
     * s_W (b_i·b_j)(a_n·a_m)} and {@code biasTarget[i, j] += s_b (b_i·b_j)} ({@code biasTarget}
     * may be {@code null}, or the same array as {@code weightTarget}).
     */
    private static final class LinearGram {
        private final int m;
        private final int r;
        private final int n;
        private final int out;
        private final double[] b;
        private final double[] inputGram;
        private final double[] weightTarget;
        private final double weightScale;
        private final double[] biasTarget;
        private final double biasScale;

        LinearGram(BatchFactors f, int g, double[] weightTarget, double weightScale, double[] biasTarget,
                   double biasScale) {
            this.m = f.m;
            this.r = f.r;
            this.n = f.rows;
            int in = f.inputWidth(g);
            this.out = f.units(g);
            this.b = f.outputCotangents(g);
            this.inputGram = new double[m * m];
            Syrk.syrk(false, m, in, 1.0, f.inputs(g), 0, in, 0.0, inputGram, 0, m);
            this.weightTarget = weightTarget;
            this.weightScale = weightScale;
            this.biasTarget = biasTarget;
            this.biasScale = biasScale;
        }

        /** Rows {@code i0..i1−1}: {@code B Bᵀ} by GEMM left of the diagonal block and SYRK on it, then the Hadamard step. */
        void addRows(int i0, int i1, double[] scratch) {
            int rows = i1 - i0;
            if (i0 > 0) {
                Gemm.gemm(false, true, rows, i0, out, 1.0, b, i0 * out, out, b, 0, out, 0.0, scratch, 0, n);
            }
            Syrk.syrk(false, rows, out, 1.0, b, i0 * out, out, 0.0, scratch, i0, n);
            boolean fused = biasTarget == weightTarget;
            for (int i = i0; i < i1; i++) {
                int ex = i / r;
                int scratchRow = (i - i0) * n;
                int targetRow = i * n;
                for (int other = 0; other <= ex; other++) {
                    double weightFactor = weightScale * inputGram[ex * m + other];
                    int jStart = other * r;
                    int jEnd = other == ex ? i + 1 : jStart + r;
                    if (fused) {
                        double factor = weightFactor + biasScale;
                        for (int j = jStart; j < jEnd; j++) {
                            weightTarget[targetRow + j] += scratch[scratchRow + j] * factor;
                        }
                    } else {
                        for (int j = jStart; j < jEnd; j++) {
                            weightTarget[targetRow + j] += scratch[scratchRow + j] * weightFactor;
                        }
                        if (biasTarget != null) {
                            for (int j = jStart; j < jEnd; j++) {
                                biasTarget[targetRow + j] += scratch[scratchRow + j] * biasScale;
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@code target += s · G Gᵀ} (lower) for a Conv2d group's per-example gradients {@code G}. */
    private static void convGroup(BatchFactors f, int g, double scale, double[] target) {
        int n = f.rows;
        int pg = f.groupSize(g);
        double[] perExample = new double[n * pg];
        f.fillJacobian(g, perExample, 0, pg);
        Syrk.syrk(false, n, pg, scale, perExample, 0, pg, 1.0, target, 0, n);
    }
}
