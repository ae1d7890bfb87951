package org.jlaplace.autodiff.ntk;

import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.nn.JacobianFactors;
import org.jlaplace.autodiff.nn.LayerFactors;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Gemm;

/**
 * The per-layer factors of one batch's Jacobian rows {@code g_nr = a_nrᵀ ∂f(x_n)/∂θ}: one forward
 * trace and one batched backward of the {@code R} cotangents per example give, for every Linear or
 * Conv2d layer, its inputs (or im2col patches) and its output cotangents {@code b_nr}. Every group's
 * Jacobian block is then an outer product (Linear) or a sum of outer products over spatial
 * positions (Conv2d) of these.
 */
final class BatchFactors {
    final Sequential model;
    final int m;
    final int r;
    final int rows;
    /** Per layer, its factors ({@code null} for parameter-free layers). */
    private final LayerFactors[] byLayer;

    private BatchFactors(Sequential model, int m, int r, LayerFactors[] byLayer) {
        this.model = model;
        this.m = m;
        this.r = r;
        this.rows = m * r;
        this.byLayer = byLayer;
    }

    private static BatchFactors of(Sequential model, int m, int r, List<LayerFactors> factors) {
        LayerFactors[] byLayer = new LayerFactors[model.numLayers()];
        for (LayerFactors f : factors) {
            byLayer[f.layer()] = f;
        }
        return new BatchFactors(model, m, r, byLayer);
    }

    /** The factors of direction {@code q} alone ({@code R = 1}): the rows {@code a_nqᵀ J_n}. */
    BatchFactors direction(int q) {
        LayerFactors[] picked = new LayerFactors[byLayer.length];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = byLayer[i] == null ? null : byLayer[i].direction(q);
        }
        return new BatchFactors(model, m, 1, picked);
    }

    /** Factors of the plain Jacobian: cotangents {@code e_c}, {@code R = C}. */
    static BatchFactors of(Sequential model, Tensor x) {
        JacobianFactors f = JacobianFactors.of(model, x);
        return of(model, f.batchSize(), model.outputSize(), f.pullIdentity());
    }

    /** Factors of the rows {@code a_nrᵀ J_n} for {@code a} of shape {@code [M, C, R]}. */
    static BatchFactors of(Sequential model, Tensor x, Tensor a, String operation) {
        JacobianFactors f = JacobianFactors.of(model, x);
        int[] s = a.shape();
        if (s.length != 3 || s[0] != f.batchSize() || s[1] != model.outputSize() || s[2] <= 0) {
            throw new IllegalArgumentException(operation + ": weights must have shape [" + f.batchSize() + ", "
                    + model.outputSize() + ", R] but have " + Arrays.toString(s));
        }
        return of(model, f.batchSize(), s[2], f.pull(a));
    }

    List<Parameter> groups() {
        return model.parameters();
    }

    int groupSize(int g) {
        return model.parameters().get(g).size();
    }

    /** The factors of group {@code g}'s layer. */
    LayerFactors factorsOf(int g) {
        return byLayer[model.layerOfParameter(g)];
    }

    boolean isBias(int g) {
        return factorsOf(g).biasParameter() == g;
    }

    /** Whether group {@code g}'s layer has a single position (its rows are plain outer products, as Linear's). */
    boolean singlePosition(int g) {
        return factorsOf(g).positions() == 1;
    }

    /** The layer's inputs {@code [M, T, in]} ({@code T = 1} for Linear, patches for Conv2d). */
    double[] inputs(int g) {
        return factorsOf(g).inputs();
    }

    /** Output cotangents of group {@code g}'s layer: {@code [M·R, out, T]}. */
    double[] outputCotangents(int g) {
        return factorsOf(g).cotangents();
    }

    /** The width of group {@code g}'s layer's input rows. */
    int inputWidth(int g) {
        return factorsOf(g).in();
    }

    /**
     * The number of output units of group {@code g}'s layer: its Jacobian block has
     * {@code units(g)} column blocks of {@link #unitWidth(int)} columns (one per output
     * neuron/channel), so it can be built in column chunks.
     */
    int units(int g) {
        return factorsOf(g).out();
    }

    int unitWidth(int g) {
        return groupSize(g) / units(g);
    }

    /** Writes all of {@code J_g}: row {@code n·R + r} at {@code dstOff + row·ld}, parameter order. */
    void fillJacobian(int g, double[] dst, int dstOff, int ld) {
        fillJacobian(g, 0, units(g), dst, dstOff, ld);
    }

    /**
     * Writes the columns of {@code J_g} that belong to output units {@code u0..u1−1} (columns
     * {@code u0·w .. u1·w − 1} in the parameter's row-major order, {@code w} the unit width):
     * row {@code n·R + r} at {@code dstOff + row·ld}, starting with column {@code u0·w}.
     */
    void fillJacobian(int g, int u0, int u1, double[] dst, int dstOff, int ld) {
        LayerFactors f = factorsOf(g);
        double[] b = f.cotangents();
        int units = u1 - u0;
        if (f.positions() == 1) {
            int out = f.out();
            int in = f.in();
            if (isBias(g)) {
                for (int row = 0; row < rows; row++) {
                    System.arraycopy(b, row * out + u0, dst, dstOff + row * ld, units);
                }
                return;
            }
            double[] a = inputs(g);
            for (int row = 0; row < rows; row++) {
                int n = row / r;
                int base = dstOff + row * ld;
                for (int o = u0; o < u1; o++) {
                    double bo = b[row * out + o];
                    int col = base + (o - u0) * in;
                    for (int i = 0; i < in; i++) {
                        dst[col + i] = bo * a[n * in + i];
                    }
                }
            }
            return;
        }
        int outC = f.out();
        int spatial = f.positions();
        int d = f.in();
        if (isBias(g)) {
            for (int row = 0; row < rows; row++) {
                for (int o = u0; o < u1; o++) {
                    double sum = 0;
                    int base = (row * outC + o) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        sum += b[base + s];
                    }
                    dst[dstOff + row * ld + o - u0] = sum;
                }
            }
            return;
        }
        double[] p = f.inputs();
        if (units == outC && ld == outC * d) {
            // whole rows packed back to back: the R rows of example n are one [R·C_out, S] × [S, D] product
            for (int n = 0; n < m; n++) {
                Gemm.gemm(false, false, r * outC, d, spatial, 1.0, b, n * r * outC * spatial, spatial,
                        p, n * spatial * d, d, 0.0, dst, dstOff + n * r * ld, d);
            }
            return;
        }
        for (int row = 0; row < rows; row++) {
            int n = row / r;
            // Σ_s b[row, o, s] p[n, s, :] for o in u0..u1−1: [units, S] × [S, D] into the row's [units, D] block
            Gemm.gemm(false, false, units, d, spatial, 1.0, b, (row * outC + u0) * spatial, spatial,
                    p, n * spatial * d, d, 0.0, dst, dstOff + row * ld, d);
        }
    }
}
