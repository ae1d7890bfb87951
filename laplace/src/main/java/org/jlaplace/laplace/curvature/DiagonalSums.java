package org.jlaplace.laplace.curvature;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.jlaplace.core.linalg.Gemm;
import org.jlaplace.core.linalg.Parallel;
import org.jlaplace.laplace.prior.ParameterGroups;

import java.util.List;

/**
 * The exact diagonal of the GGN {@code h_q = Σ_{n,r} (a_nrᵀ J_n)_q²} accumulated layer by layer
 * from {@link KronCapture}s, chunk after chunk, without forming a Jacobian row. For row
 * {@code (n, r)} the weight Jacobian is {@code W_nr = X_nr P_n} ({@code X_nr} the {@code out×T}
 * cotangents, {@code P_n} the {@code T×in} inputs or patches) and the bias Jacobian
 * {@code s_nr = X_nr 1}, so {@code h_w += W_nr ⊙ W_nr} and {@code h_b += s_nr ⊙ s_nr}:
 * <ul>
 *   <li>Linear ({@code T = 1}): {@code h_w[o, i] = Σ_n (Σ_r b_nro²) a_ni²}, one GEMM per chunk;</li>
 *   <li>Conv2d: per datum one GEMM {@code [X_n1; …; X_nR] P_n} for all its rows. Data are taken in
 *       fixed blocks of {@link #BLOCK} whose partial sums are added in block order, so the result
 *       does not depend on the thread count.</li>
 * </ul>
 */
public final class DiagonalSums {
    /** Data per partial sum of a convolution layer. */
    static final int BLOCK = 8;

    private static final class Layer {
        final int weightGroup;
        final int biasGroup;
        final int in;
        final int out;
        final double[] weight;
        final double[] bias;

        Layer(KronCapture c) {
            weightGroup = c.weightGroup();
            biasGroup = c.biasGroup();
            in = c.inFeatures();
            out = c.outFeatures();
            weight = new double[out * in];
            bias = new double[out];
        }
    }

    private final ChunkLayers<Layer> layers = new ChunkLayers<>("GGN diagonal sums", Layer::new);

    /** Adds one chunk's captures (the same layers, in the same order, for every chunk). */
    public void add(List<KronCapture> captures) {
        List<Layer> matched = layers.match(captures);
        for (int k = 0; k < captures.size(); k++) {
            KronCapture c = captures.get(k);
            Layer l = matched.get(k);
            if (c.positions() == 1) {
                addLinear(l, c);
            } else {
                addPositions(l, c);
            }
        }
    }

    private static void addLinear(Layer l, KronCapture c) {
        VectorKernels kernels = KernelProvider.get();
        int m = c.data();
        int r = c.cotangentRows() / m;
        double[] b = c.cotangents();
        double[] bsq = new double[m * l.out];
        for (int n = 0; n < m; n++) {
            for (int q = 0; q < r; q++) {
                kernels.hadamardInto(b, (n * r + q) * l.out, b, (n * r + q) * l.out, bsq, n * l.out, l.out);
            }
        }
        double[] asq = new double[m * l.in];
        kernels.mul(c.inputs(), 0, c.inputs(), 0, asq, 0, m * l.in);
        Gemm.gemm(true, false, l.out, l.in, m, 1.0, bsq, 0, l.out, asq, 0, l.in, 1.0, l.weight, 0, l.in);
        for (int n = 0; n < m; n++) {
            kernels.axpy(1.0, bsq, n * l.out, l.bias, 0, l.out);
        }
    }

    private static void addPositions(Layer l, KronCapture c) {
        int m = c.data();
        int t = c.positions();
        int r = c.cotangentRows() / m;
        int w = l.out * l.in;
        int blocks = (m + BLOCK - 1) / BLOCK;
        double[][] weight = new double[blocks][];
        double[][] bias = new double[blocks][];
        double[] x = c.cotangents();
        double[] p = c.inputs();
        Parallel.forRange(blocks, (long) BLOCK * r * w * t, (b0, b1) -> {
            VectorKernels kernels = KernelProvider.get();
            double[] y = new double[r * w];
            for (int blk = b0; blk < b1; blk++) {
                double[] hw = new double[w];
                double[] hb = new double[l.out];
                for (int n = blk * BLOCK; n < Math.min(m, (blk + 1) * BLOCK); n++) {
                    int xOff = n * r * l.out * t;
                    Gemm.gemm(false, false, r * l.out, l.in, t, 1.0, x, xOff, t, p, n * t * l.in, l.in, 0.0, y, 0,
                            l.in, 1);
                    for (int q = 0; q < r; q++) {
                        kernels.hadamardInto(y, q * w, y, q * w, hw, 0, w);
                        for (int o = 0; o < l.out; o++) {
                            double s = kernels.sum(x, xOff + (q * l.out + o) * t, t);
                            hb[o] += s * s;
                        }
                    }
                }
                weight[blk] = hw;
                bias[blk] = hb;
            }
        });
        for (int blk = 0; blk < blocks; blk++) {
            for (int q = 0; q < w; q++) {
                l.weight[q] += weight[blk][q];
            }
            for (int o = 0; o < l.out; o++) {
                l.bias[o] += bias[blk][o];
            }
        }
    }

    /**
     * The diagonal over all parameters of {@code groups}, each layer's weight (flattened
     * {@code out×in}) and bias at their groups' offsets.
     *
     * @throws IllegalStateException    if no chunk was added
     * @throws IllegalArgumentException if a layer does not fit its groups or the layers do not cover every parameter
     */
    public double[] diagonal(ParameterGroups groups) {
        double[] h = new double[groups.totalSize()];
        int covered = 0;
        for (Layer l : layers.all()) {
            covered += place(groups, l.weightGroup, l.weight, h, "weight");
            if (l.biasGroup >= 0) {
                covered += place(groups, l.biasGroup, l.bias, h, "bias");
            }
        }
        if (covered != h.length) {
            throw new IllegalArgumentException("GGN diagonal sums: the layers hold " + covered + " of the " + h.length
                    + " parameters");
        }
        return h;
    }

    private static int place(ParameterGroups groups, int g, double[] values, double[] h, String what) {
        if (g < 0 || g >= groups.count() || groups.size(g) != values.length) {
            throw new IllegalArgumentException("GGN diagonal sums: " + what + " group " + g + " does not hold "
                    + values.length + " parameters");
        }
        System.arraycopy(values, 0, h, groups.offset(g), values.length);
        return values.length;
    }
}
