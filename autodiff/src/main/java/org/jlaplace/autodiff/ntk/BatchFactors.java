package org.jlaplace.autodiff.ntk;

import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.nn.BatchedCotangents;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
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
    final Trace trace;
    final int m;
    final int r;
    final int rows;
    /** Per layer, the cotangents of its output as rows {@code n·R + r} ({@code null} for parameter-free layers). */
    private final double[][] layerCotangents;

    private BatchFactors(Sequential model, Trace trace, int r, double[][] layerCotangents) {
        this.model = model;
        this.trace = trace;
        this.m = trace.batchSize();
        this.r = r;
        this.rows = m * r;
        this.layerCotangents = layerCotangents;
    }

    private BatchFactors(Sequential model, Trace trace, BatchedCotangents cotangents) {
        this(model, trace, cotangents.directions(), parametricLayerCotangents(model, cotangents));
    }

    private static double[][] parametricLayerCotangents(Sequential model, BatchedCotangents cotangents) {
        double[][] out = new double[model.numLayers()][];
        for (int i = 0; i < out.length; i++) {
            if (model.layerParameterIndices(i).length > 0) {
                out[i] = cotangents.layerOutput(i).data();
            }
        }
        return out;
    }

    /** The factors of direction {@code q} alone ({@code R = 1}): the rows {@code a_nqᵀ J_n}. */
    BatchFactors direction(int q) {
        double[][] picked = new double[layerCotangents.length][];
        for (int i = 0; i < picked.length; i++) {
            if (layerCotangents[i] == null) {
                continue;
            }
            int width = layerCotangents[i].length / rows;
            picked[i] = new double[m * width];
            for (int n = 0; n < m; n++) {
                System.arraycopy(layerCotangents[i], (n * r + q) * width, picked[i], n * width, width);
            }
        }
        return new BatchFactors(model, trace, 1, picked);
    }

    /** Factors of the plain Jacobian: cotangents {@code e_c}, {@code R = C}. */
    static BatchFactors of(Sequential model, Tensor x) {
        Trace trace = model.trace(x);
        return new BatchFactors(model, trace, trace.backwardIdentity());
    }

    /** Factors of the rows {@code a_nrᵀ J_n} for {@code a} of shape {@code [M, C, R]}. */
    static BatchFactors of(Sequential model, Tensor x, Tensor a, String operation) {
        Trace trace = model.trace(x);
        int[] s = a.shape();
        if (s.length != 3 || s[0] != trace.batchSize() || s[1] != model.outputSize() || s[2] <= 0) {
            throw new IllegalArgumentException(operation + ": weights must have shape [" + trace.batchSize() + ", "
                    + model.outputSize() + ", R] but have " + Arrays.toString(s));
        }
        return new BatchFactors(model, trace, trace.backwardMany(a));
    }

    List<Parameter> groups() {
        return model.parameters();
    }

    int groupSize(int g) {
        return model.parameters().get(g).size();
    }

    Layer layerOf(int g) {
        return model.layers().get(model.layerOfParameter(g));
    }

    boolean isBias(int g) {
        return model.parameters().get(g).name().endsWith(".bias");
    }

    /** Linear: inputs {@code [M, in]}; Conv2d: patches {@code [M, S, D]}. */
    double[] inputs(int g) {
        return trace.kfacInput(model.layerOfParameter(g)).data();
    }

    /** Output cotangents of group {@code g}'s layer: {@code [M·R, out]} or {@code [M·R, C_out, S]}. */
    double[] outputCotangents(int g) {
        return layerCotangents[model.layerOfParameter(g)];
    }

    /**
     * The number of output units of group {@code g}'s layer: its Jacobian block has
     * {@code units(g)} column blocks of {@link #unitWidth(int)} columns (one per output
     * neuron/channel), so it can be built in column chunks.
     */
    int units(int g) {
        Layer layer = layerOf(g);
        return layer instanceof Linear ? ((Linear) layer).outFeatures() : ((Conv2d) layer).outChannels();
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
        Layer layer = layerOf(g);
        double[] b = outputCotangents(g);
        int units = u1 - u0;
        if (layer instanceof Linear) {
            int out = ((Linear) layer).outFeatures();
            int in = ((Linear) layer).inFeatures();
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
        Conv2d conv = (Conv2d) layer;
        int outC = conv.outChannels();
        Tensor patches = trace.kfacInput(model.layerOfParameter(g));
        int spatial = patches.dim(1);
        int d = patches.dim(2);
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
        double[] p = patches.data();
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
