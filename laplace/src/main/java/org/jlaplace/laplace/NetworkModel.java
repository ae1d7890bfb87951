package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.JacobianFactors;
import org.jlaplace.autodiff.nn.LayerFactors;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.linalg.Syrk;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.prior.ParameterGroups;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sequential} network at its current (MAP) parameters on inputs {@code x}
 * ({@code [N, inputShape…]}): each batch is one traced forward pass, and every Jacobian quantity
 * comes from the per-layer structure (MATHEMATICS.md §9.3): for a Linear layer with input {@code a_n} and
 * output cotangent {@code b_nr} of the weighted function {@code a_nrᵀ f(x_n)}, the weight row is
 * {@code b_nr ⊗ a_n} and the bias row {@code b_nr}, so the weight kernel is
 * {@code (b_nr·b_ms)(a_n·a_m)} and the bias kernel {@code b_nr·b_ms} without forming {@code J};
 * a Conv2d weight row is {@code Σ_t b_nr[:, t] p_ntᵀ} over patches {@code p_nt}. In
 * {@link Dtype#FLOAT32} the network's passes (forward and pullbacks) run in float32 and the factors
 * are widened before any kernel, Gram or GGN is accumulated in float64.
 */
public final class NetworkModel extends ModelShape {
    private final Sequential network;
    private final Tensor inputs;
    private final Dtype dtype;

    private NetworkModel(Sequential network, Tensor inputs, Dtype dtype) {
        super(groupsOf(network), inputs.dim(0), network.outputSize());
        this.network = network;
        this.inputs = inputs;
        this.dtype = dtype;
        try {
            JacobianFactors.requireFactors(network);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("network model: " + e.getMessage(), e);
        }
    }

    /** One group per parameter tensor of the network, named and ordered as the network's parameters. */
    private static ParameterGroups groupsOf(Sequential network) {
        List<String> names = new ArrayList<>();
        List<Parameter> params = network.parameters();
        int[] sizes = new int[params.size()];
        for (int k = 0; k < sizes.length; k++) {
            names.add(params.get(k).name());
            sizes[k] = params.get(k).size();
        }
        return new ParameterGroups(names, sizes);
    }

    /** The network (at θ*) on the inputs {@code x}, {@code [N, inputShape…]}. */
    public static NetworkModel of(Sequential network, Tensor x) {
        return new NetworkModel(network, x, Dtype.FLOAT64);
    }

    /** {@link #of(Sequential, Tensor)} with the network's passes in {@code dtype}. */
    public static NetworkModel of(Sequential network, Tensor x, Dtype dtype) {
        if (dtype == null) {
            throw new IllegalArgumentException("network model: a dtype is required");
        }
        return new NetworkModel(network, x, dtype);
    }

    @Override
    public double[] parameters() {
        // A fresh contiguous tensor: data() hands over its array without a second copy.
        return network.flatParameters().data();
    }

    /** Read from each parameter's own storage: no flat copy of {@code θ*}. */
    @Override
    public double[] groupSquaredNorms() {
        List<Parameter> params = network.parameters();
        double[] out = new double[params.size()];
        for (int k = 0; k < out.length; k++) {
            double[] data = params.get(k).value().data();
            out[k] = KernelProvider.get().sumOfSquares(data, 0, data.length);
        }
        return out;
    }

    @Override
    public JacobianBatch batch(int[] indices) {
        checkBatchIndices("network model", indices);
        return new Batch(JacobianFactors.of(network, inputs.indexSelect(0, indices), dtype), indices.length, c, groups);
    }

    private final class Batch extends BatchShape {
        private final JacobianFactors linearised;

        Batch(JacobianFactors linearised, int m, int c, ParameterGroups groups) {
            super(linearised.outputs(), m, c, groups);
            this.linearised = linearised;
        }

        private List<LayerFactors> pull(double[] a, int r) {
            if (a.length != m * c * r) {
                throw new IllegalArgumentException("network batch: weights have " + a.length + " values, expected "
                        + m + "×" + c + "×" + r);
            }
            return linearised.pull(Tensor.of(a, m, c, r));
        }

        @Override
        public double[] weightedJacobian(double[] a, int r) {
            int p = groups.totalSize();
            int rows = m * r;
            double[] b = new double[rows * p];
            for (LayerFactors f : pull(a, r)) {
                LayerRows lr = new LayerRows(f);
                int wOff = groups.offset(f.weightParameter());
                for (int row = 0; row < rows; row++) {
                    lr.weightRow(row, b, row * p + wOff);
                    if (f.biasParameter() >= 0) {
                        lr.biasRow(row, b, row * p + groups.offset(f.biasParameter()));
                    }
                }
            }
            return b;
        }

        @Override
        public double[][] weightedKernels(double[] a, int r, int[] groupToKernel, int kernels) {
            double[][] out = weightedKernelLowerTriangles(a, r, groupToKernel, kernels);
            for (double[] k : out) {
                Syrk.symmetrizeLower(k, 0, m * r, m * r);
            }
            return out;
        }

        @Override
        public double[][] weightedKernelLowerTriangles(double[] a, int r, int[] groupToKernel, int kernels) {
            List<LayerFactors> factors = pull(a, r);
            int rows = m * r;
            double[][] out = new double[kernels][];
            for (int k = 0; k < kernels; k++) {
                out[k] = new double[rows * rows];
            }
            // A kernel fed by one group alone starts at zero and takes that group's Gram directly.
            int[] feeders = new int[kernels];
            for (int target : groupToKernel) {
                feeders[target]++;
            }
            double[] scratch = null;
            for (LayerFactors f : factors) {
                int bias = f.biasParameter();
                boolean biasExclusive = bias >= 0 && feeders[groupToKernel[bias]] == 1;
                if (scratch == null && !biasExclusive) {
                    scratch = new double[rows * rows];
                }
                new LayerRows(f).addLowerKernels(out[groupToKernel[f.weightParameter()]],
                        bias >= 0 ? out[groupToKernel[bias]] : null, scratch, biasExclusive);
            }
            return out;
        }

        @Override
        public List<LinearLayerGram> linearLayerGrams(double[] a, int r) {
            if (!linearised.singlePositionLayers()) {
                return null;
            }
            List<LinearLayerGram> out = new ArrayList<>();
            for (LayerFactors f : pull(a, r)) {
                out.add(new LayerRows(f).linearGram(f.weightParameter(), f.biasParameter()));
            }
            return out;
        }

        @Override
        public double[][][] weightedKernelBlocks(double[] a, int r, int[] groupToKernel, int kernels) {
            double[][][] out = new double[r][kernels][m * m];
            for (LayerFactors f : pull(a, r)) {
                double[][] weight = new double[r][];
                double[][] bias = f.biasParameter() >= 0 ? new double[r][] : null;
                for (int q = 0; q < r; q++) {
                    weight[q] = out[q][groupToKernel[f.weightParameter()]];
                    if (bias != null) {
                        bias[q] = out[q][groupToKernel[f.biasParameter()]];
                    }
                }
                new LayerRows(f).addBlockKernels(weight, bias);
            }
            return out;
        }

        /** Per-group factors for the structured GGN, or {@code null} if a layer has several positions (Conv2d). */
        private List<StructuredGgn.Group> linearGroups(double[] a, int r) {
            if (!linearised.singlePositionLayers()) {
                return null;
            }
            List<StructuredGgn.Group> out = new ArrayList<>();
            double[] ones = new double[m];
            java.util.Arrays.fill(ones, 1.0);
            for (LayerFactors f : pull(a, r)) {
                out.add(new StructuredGgn.Group(groups.offset(f.weightParameter()), f.cotangents(), f.out(),
                        f.inputs(), f.in()));
                if (f.biasParameter() >= 0) {
                    out.add(new StructuredGgn.Group(groups.offset(f.biasParameter()), f.cotangents(), f.out(), ones, 1));
                }
            }
            return out;
        }

        @Override
        public double[] weightedGgn(double[] a, int r) {
            List<StructuredGgn.Group> g = linearGroups(a, r);
            return g == null ? super.weightedGgn(a, r)
                    : StructuredGgn.full(g, m, r, groups.totalSize(), false);
        }

        @Override
        public double[][] weightedGgnBlocks(double[] a, int r) {
            List<StructuredGgn.Group> g = linearGroups(a, r);
            if (g == null) {
                return super.weightedGgnBlocks(a, r);
            }
            double[][] out = new double[groups.count()][];
            for (int k = 0; k < groups.count(); k++) {
                // One group at offset 0 gives its diagonal block alone.
                StructuredGgn.Group one = g.get(k);
                StructuredGgn.Group local = new StructuredGgn.Group(0, one.cotangents(), one.out(), one.inputs(),
                        one.d());
                out[k] = StructuredGgn.full(List.of(local), m, r, groups.size(k), true);
            }
            return out;
        }

        @Override
        public double[] weightedGgnDiagonal(double[] a, int r) {
            List<StructuredGgn.Group> g = linearGroups(a, r);
            return g == null ? super.weightedGgnDiagonal(a, r)
                    : StructuredGgn.diagonal(g, m, r, groups.totalSize());
        }

        @Override
        public List<KronCapture> kronCaptures(double[] a, int r) {
            List<KronCapture> out = new ArrayList<>();
            for (LayerFactors f : pull(a, r)) {
                out.add(new LayerRows(f).capture());
            }
            return out;
        }
    }
}
