package org.jlaplace.autodiff.ntk;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.core.linalg.Syrk;

/**
 * {@link NtkMethod#STRUCTURED}: per-layer Gram matrices. For a Linear layer with inputs {@code a_n}
 * and output cotangents {@code b_i} (row {@code i = n·R + r}), the weight's Jacobian row is
 * {@code b_i ⊗ a_n}, so
 * <pre>  K_W[i, j] = (b_i·b_j)(a_n·a_m),   K_b[i, j] = b_i·b_j   (j = m·R + r')</pre>
 * i.e. {@code K_W = (B Bᵀ) ⊙ E(A Aᵀ)} with {@code E} repeating each entry over an {@code R×R}
 * block: one SYRK of width {@code out} and one of width {@code in} instead of width
 * {@code out·in}. A Conv2d layer's per-example weight gradient is the sum over spatial positions
 * {@code Σ_s b_i[:, s] p_{n,s}ᵀ} of outer products with its im2col patches; it is formed per
 * example ({@code C_out·C_in·k²} values, the small group of a CNN) and Gram-multiplied by SYRK.
 * Only lower triangles are computed, then mirrored.
 */
final class StructuredKernels {
    private StructuredKernels() {
    }

    static GroupKernels perGroup(BatchFactors f) {
        int n = f.rows;
        int groups = f.groups().size();
        double[][] kernels = new double[groups][];
        List<String> names = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            names.add(f.groups().get(g).name());
            if (kernels[g] != null) {
                continue;
            }
            if (f.layerOf(g) instanceof Linear) {
                int[] idx = f.model.layerParameterIndices(f.model.layerOfParameter(g));
                double[] cotangentGram = cotangentGram(f, g);
                double[] weight = new double[n * n];
                hadamardWithInputGram(f, g, cotangentGram, 1.0, 0.0, weight);
                kernels[idx[0]] = weight;
                if (idx.length > 1) {
                    kernels[idx[1]] = cotangentGram;
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

    /** {@code Σ_g s_g K_g} accumulated layer by layer into one {@code [N, N]} buffer. */
    static double[] total(BatchFactors f, double[] scales) {
        int n = f.rows;
        double[] k = new double[n * n];
        for (int layer = 0; layer < f.model.numLayers(); layer++) {
            int[] idx = f.model.layerParameterIndices(layer);
            if (idx.length == 0) {
                continue;
            }
            if (f.model.layers().get(layer) instanceof Linear) {
                double biasScale = idx.length > 1 ? scales[idx[1]] : 0.0;
                hadamardWithInputGram(f, idx[0], cotangentGram(f, idx[0]), scales[idx[0]], biasScale, k);
            } else {
                for (int g : idx) {
                    convGroup(f, g, scales[g], k);
                }
            }
        }
        Syrk.symmetrizeLower(k, 0, n, n);
        return k;
    }

    /** Lower triangle of {@code B Bᵀ} for the output cotangents of group {@code g}'s Linear layer. */
    private static double[] cotangentGram(BatchFactors f, int g) {
        int n = f.rows;
        int out = ((Linear) f.layerOf(g)).outFeatures();
        double[] gram = new double[n * n];
        Syrk.syrk(false, n, out, 1.0, f.outputCotangents(g), 0, out, 0.0, gram, 0, n);
        return gram;
    }

    /**
     * {@code target[i, j] += bb[i, j] · (weightScale · (a_n·a_m) + biasScale)} on the lower
     * triangle, with {@code n = i / R}, {@code m = j / R}.
     */
    private static void hadamardWithInputGram(BatchFactors f, int g, double[] bb, double weightScale,
                                              double biasScale, double[] target) {
        int m = f.m;
        int r = f.r;
        int n = f.rows;
        int in = ((Linear) f.layerOf(g)).inFeatures();
        double[] inputGram = new double[m * m];
        Syrk.syrk(false, m, in, weightScale, f.inputs(g), 0, in, 0.0, inputGram, 0, m);
        for (int ex = 0; ex < m; ex++) {
            for (int q = 0; q < r; q++) {
                int i = ex * r + q;
                int rowBase = i * n;
                for (int other = 0; other <= ex; other++) {
                    double factor = inputGram[ex * m + other] + biasScale;
                    int jStart = other * r;
                    int jEnd = other == ex ? i + 1 : jStart + r;
                    for (int j = jStart; j < jEnd; j++) {
                        target[rowBase + j] += bb[rowBase + j] * factor;
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
