package org.jlaplace.autodiff.nn;

import org.jlaplace.core.linalg.Gemm;

/**
 * One parametric layer's share of the weighted Jacobian rows {@code g_nr = a_nrᵀ ∂f(x_n)/∂θ} on a
 * batch of {@code M} examples and {@code R} directions: the layer's inputs as {@code T} rows per
 * example, {@code a_{n,t}} ({@code [M, T, in]}; {@code T = 1} for Linear, the im2col patches at the
 * {@code T = H_out·W_out} output positions for Conv2d), and the cotangents of its output
 * {@code b_nr} ({@code [M·R, out, T]}, row {@code n·R + r}). Then
 * <pre>
 *   weight row (n, r) = Σ_t b_nr[:, t] ⊗ a_{n,t}   (an out × in matrix, row-major),
 *   bias row   (n, r) = Σ_t b_nr[:, t].
 * </pre>
 * This is what KFAC, the structured NTK and the per-layer kernels consume. The arrays are the
 * pass's own buffers: read them, do not modify them.
 */
public final class LayerFactors {
    private final int layer;
    private final int weightParameter;
    private final int biasParameter;
    private final int m;
    private final int r;
    private final int positions;
    private final int in;
    private final int out;
    private final double[] inputs;
    private final double[] cotangents;

    LayerFactors(int layer, int[] parameters, int m, int r, int[] kroneckerShape, double[] inputs,
                 double[] cotangents) {
        this.layer = layer;
        this.weightParameter = parameters[0];
        this.biasParameter = parameters.length > 1 ? parameters[1] : -1;
        this.m = m;
        this.r = r;
        this.positions = kroneckerShape[0];
        this.in = kroneckerShape[1];
        this.out = kroneckerShape[2];
        this.inputs = inputs;
        this.cotangents = cotangents;
    }

    /** The index of the layer in its network. */
    public int layer() {
        return layer;
    }

    /** The index of the layer's weight among the network's parameters. */
    public int weightParameter() {
        return weightParameter;
    }

    /** The index of the layer's bias among the network's parameters, or −1 without a bias. */
    public int biasParameter() {
        return biasParameter;
    }

    /** {@code M}. */
    public int batchSize() {
        return m;
    }

    /** {@code R}. */
    public int directions() {
        return r;
    }

    /** {@code T}: 1 for Linear, the number of output positions for Conv2d. */
    public int positions() {
        return positions;
    }

    /** The width of an input row: {@code in} for Linear, {@code C_in·k·k} for Conv2d. */
    public int in() {
        return in;
    }

    /** The number of output units: features for Linear, channels for Conv2d. */
    public int out() {
        return out;
    }

    /** {@code a}, {@code [M, T, in]} (read-only). */
    public double[] inputs() {
        return inputs;
    }

    /** {@code b}, {@code [M·R, out, T]} (read-only). */
    public double[] cotangents() {
        return cotangents;
    }

    /** The factors of direction {@code q} alone ({@code R = 1}): the rows {@code a_nqᵀ J_n}. */
    public LayerFactors direction(int q) {
        if (q < 0 || q >= r) {
            throw new IllegalArgumentException("LayerFactors.direction: " + q + " is not in [0, " + r + ")");
        }
        int width = out * positions;
        double[] picked = new double[m * width];
        for (int n = 0; n < m; n++) {
            System.arraycopy(cotangents, (n * r + q) * width, picked, n * width, width);
        }
        int[] params = biasParameter >= 0 ? new int[] {weightParameter, biasParameter} : new int[] {weightParameter};
        return new LayerFactors(layer, params, m, 1, new int[] {positions, in, out}, inputs, picked);
    }

    /** Adds weight row {@code row = n·R + r} ({@code out·in} values) to {@code dst[off…]}. */
    public void addWeightRow(int row, double[] dst, int off) {
        int n = row / r;
        if (positions == 1) {
            int bo = row * out;
            int ao = n * in;
            for (int o = 0; o < out; o++) {
                double bv = cotangents[bo + o];
                if (bv == 0.0) {
                    continue;
                }
                int d = off + o * in;
                for (int i = 0; i < in; i++) {
                    dst[d + i] += bv * inputs[ao + i];
                }
            }
        } else {
            // [out×T]·[T×in]: the cotangent map times the patch matrix of example n.
            Gemm.gemm(false, false, out, in, positions, 1.0, cotangents, row * out * positions, positions,
                    inputs, n * positions * in, in, 1.0, dst, off, in, 1);
        }
    }

    /** Adds bias row {@code row} ({@code out} values) to {@code dst[off…]}. */
    public void addBiasRow(int row, double[] dst, int off) {
        int bo = row * out * positions;
        for (int o = 0; o < out; o++) {
            double s = 0.0;
            for (int t = 0; t < positions; t++) {
                s += cotangents[bo + o * positions + t];
            }
            dst[off + o] += s;
        }
    }
}
