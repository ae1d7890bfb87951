package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.BatchedCotangents;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
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
 * comes from the per-layer structure (SPEC §9.3): for a Linear layer with input {@code a_n} and
 * output cotangent {@code b_nr} of the weighted function {@code a_nrᵀ f(x_n)}, the weight row is
 * {@code b_nr ⊗ a_n} and the bias row {@code b_nr}, so the weight kernel is
 * {@code (b_nr·b_ms)(a_n·a_m)} and the bias kernel {@code b_nr·b_ms} without forming {@code J};
 * a Conv2d weight row is {@code Σ_t b_nr[:, t] p_ntᵀ} over patches {@code p_nt}.
 */
public final class NetworkModel extends ModelShape {
    private final Sequential network;
    private final Tensor inputs;

    private NetworkModel(Sequential network, Tensor inputs) {
        super(groupsOf(network), inputs.dim(0), network.outputSize());
        this.network = network;
        this.inputs = inputs;
        for (int i = 0; i < network.numLayers(); i++) {
            Layer layer = network.layers().get(i);
            if (network.layerParameterIndices(i).length > 0 && !(layer instanceof Linear) && !(layer instanceof Conv2d)) {
                throw new IllegalArgumentException("network model: layer " + i + " (" + layer
                        + ") has parameters but is neither Linear nor Conv2d");
            }
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
        return new NetworkModel(network, x);
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
        return new Batch(network.trace(inputs.indexSelect(0, indices)), indices.length, c, groups);
    }

    private final class Batch extends BatchShape {
        private final Trace trace;

        Batch(Trace trace, int m, int c, ParameterGroups groups) {
            super(trace.output().toArray(), m, c, groups);
            this.trace = trace;
        }

        private BatchedCotangents pull(double[] a, int r) {
            if (a.length != m * c * r) {
                throw new IllegalArgumentException("network batch: weights have " + a.length + " values, expected "
                        + m + "×" + c + "×" + r);
            }
            return trace.backwardMany(Tensor.of(a, m, c, r));
        }

        @Override
        public double[] weightedJacobian(double[] a, int r) {
            BatchedCotangents cot = pull(a, r);
            int p = groups.totalSize();
            int rows = m * r;
            double[] b = new double[rows * p];
            for (int i = 0; i < network.numLayers(); i++) {
                int[] params = network.layerParameterIndices(i);
                if (params.length == 0) {
                    continue;
                }
                LayerRows lr = LayerRows.of(trace, cot, network.layers().get(i), i, m, r);
                int wOff = groups.offset(params[0]);
                for (int row = 0; row < rows; row++) {
                    lr.weightRow(row, b, row * p + wOff);
                    if (params.length > 1) {
                        lr.biasRow(row, b, row * p + groups.offset(params[1]));
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
            BatchedCotangents cot = pull(a, r);
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
            for (int i = 0; i < network.numLayers(); i++) {
                int[] params = network.layerParameterIndices(i);
                if (params.length == 0) {
                    continue;
                }
                boolean biasExclusive = params.length > 1 && feeders[groupToKernel[params[1]]] == 1;
                if (scratch == null && !biasExclusive) {
                    scratch = new double[rows * rows];
                }
                LayerRows lr = LayerRows.of(trace, cot, network.layers().get(i), i, m, r);
                lr.addLowerKernels(out[groupToKernel[params[0]]],
                        params.length > 1 ? out[groupToKernel[params[1]]] : null, scratch, biasExclusive);
            }
            return out;
        }

        @Override
        public List<LinearLayerGram> linearLayerGrams(double[] a, int r) {
            for (int i = 0; i < network.numLayers(); i++) {
                if (network.layerParameterIndices(i).length > 0 && !(network.layers().get(i) instanceof Linear)) {
                    return null;
                }
            }
            BatchedCotangents cot = pull(a, r);
            List<LinearLayerGram> out = new ArrayList<>();
            for (int i = 0; i < network.numLayers(); i++) {
                int[] params = network.layerParameterIndices(i);
                if (params.length == 0) {
                    continue;
                }
                LayerRows lr = LayerRows.of(trace, cot, network.layers().get(i), i, m, r);
                out.add(lr.linearGram(params[0], params.length > 1 ? params[1] : -1));
            }
            return out;
        }

        @Override
        public double[][][] weightedKernelBlocks(double[] a, int r, int[] groupToKernel, int kernels) {
            BatchedCotangents cot = pull(a, r);
            double[][][] out = new double[r][kernels][m * m];
            for (int i = 0; i < network.numLayers(); i++) {
                int[] params = network.layerParameterIndices(i);
                if (params.length == 0) {
                    continue;
                }
                double[][] weight = new double[r][];
                double[][] bias = params.length > 1 ? new double[r][] : null;
                for (int q = 0; q < r; q++) {
                    weight[q] = out[q][groupToKernel[params[0]]];
                    if (bias != null) {
                        bias[q] = out[q][groupToKernel[params[1]]];
                    }
                }
                LayerRows.of(trace, cot, network.layers().get(i), i, m, r).addBlockKernels(weight, bias);
            }
            return out;
        }

        /** Per-group factors for the structured GGN, or {@code null} if a layer is not Linear. */
        private List<StructuredGgn.Group> linearGroups(double[] a, int r) {
            BatchedCotangents cot = pull(a, r);
            List<StructuredGgn.Group> out = new ArrayList<>();
            double[] ones = new double[m];
            java.util.Arrays.fill(ones, 1.0);
            for (int i = 0; i < network.numLayers(); i++) {
                int[] params = network.layerParameterIndices(i);
                if (params.length == 0) {
                    continue;
                }
                if (!(network.layers().get(i) instanceof Linear lin)) {
                    return null;
                }
                double[] b = cot.layerOutput(i).data();
                double[] x = trace.kfacInput(i).data();
                out.add(new StructuredGgn.Group(groups.offset(params[0]), b, lin.outFeatures(), x, lin.inFeatures()));
                if (params.length > 1) {
                    out.add(new StructuredGgn.Group(groups.offset(params[1]), b, lin.outFeatures(), ones, 1));
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
            BatchedCotangents cot = pull(a, r);
            List<KronCapture> out = new ArrayList<>();
            for (int i = 0; i < network.numLayers(); i++) {
                int[] params = network.layerParameterIndices(i);
                if (params.length == 0) {
                    continue;
                }
                LayerRows lr = LayerRows.of(trace, cot, network.layers().get(i), i, m, r);
                out.add(lr.capture(params[0], params.length > 1 ? params[1] : -1));
            }
            return out;
        }
    }
}
