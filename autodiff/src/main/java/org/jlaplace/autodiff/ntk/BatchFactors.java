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
    final BatchedCotangents cotangents;
    final int m;
    final int r;
    final int rows;

    private BatchFactors(Sequential model, Trace trace, BatchedCotangents cotangents) {
        this.model = model;
        this.trace = trace;
        this.cotangents = cotangents;
        this.m = trace.batchSize();
        this.r = cotangents.directions();
        this.rows = m * r;
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
        return cotangents.layerOutput(model.layerOfParameter(g)).data();
    }

    /**
     * Writes {@code J_g} into {@code dst}: row {@code n·R + r} at {@code dstOff + row·ld}, columns
     * {@code 0..P_g−1} in the parameter's row-major order.
     */
    void fillJacobian(int g, double[] dst, int dstOff, int ld) {
        Layer layer = layerOf(g);
        double[] b = outputCotangents(g);
        if (layer instanceof Linear) {
            int out = ((Linear) layer).outFeatures();
            int in = ((Linear) layer).inFeatures();
            if (isBias(g)) {
                for (int row = 0; row < rows; row++) {
                    System.arraycopy(b, row * out, dst, dstOff + row * ld, out);
                }
                return;
            }
            double[] a = inputs(g);
            for (int row = 0; row < rows; row++) {
                int n = row / r;
                int base = dstOff + row * ld;
                for (int o = 0; o < out; o++) {
                    double bo = b[row * out + o];
                    int col = base + o * in;
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
                for (int o = 0; o < outC; o++) {
                    double sum = 0;
                    int base = (row * outC + o) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        sum += b[base + s];
                    }
                    dst[dstOff + row * ld + o] = sum;
                }
            }
            return;
        }
        double[] p = patches.data();
        for (int row = 0; row < rows; row++) {
            int n = row / r;
            // Σ_s b[row, :, s] p[n, s, :]ᵀ : [C_out, S] × [S, D] into the row's [C_out, D] block
            org.jlaplace.core.linalg.Gemm.gemm(false, false, outC, d, spatial, 1.0, b, row * outC * spatial, spatial,
                    p, n * spatial * d, d, 0.0, dst, dstOff + row * ld, d);
        }
    }
}
