package org.jlaplace.bench.model;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.nn.BatchedCotangents;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.autodiff.ntk.GroupKernels;
import org.jlaplace.autodiff.ntk.Jacobians;
import org.jlaplace.autodiff.ntk.Ntk;
import org.jlaplace.autodiff.ntk.NtkMethod;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * A trained {@link Sequential} at its current parameters {@code θ*} on a fixed input set, as the
 * laplace module's {@link LinearizedModel}. Weighted Jacobians {@code B = Āᵀ J} come from
 * {@link Jacobians#weighted}, per-hyperparameter kernels from the structured NTK
 * ({@link Ntk#weightedKernels}, per-layer Gram matrices), and KFAC's per-layer captures from one
 * batched reverse pass of the {@code R} cotangents per datum ({@link Trace#backwardMany}) with the
 * layer inputs (Conv2d: im2col patches, one row per spatial position). The model must not change
 * while this view is in use.
 */
public final class NetworkLinearization implements LinearizedModel {
    private final Sequential model;
    private final double[] inputs;
    private final int n;
    private final int features;
    private final ParameterGroups groups;
    private final double[] theta;

    /** The model on {@code n} inputs stored row-major in {@code inputs} ({@code n × inputSize}). */
    public NetworkLinearization(Sequential model, double[] inputs, int n) {
        this.model = model;
        this.features = model.inputSize();
        if (inputs.length != (long) n * features) {
            throw new IllegalArgumentException("NetworkLinearization: " + inputs.length + " input values for " + n
                    + " inputs of size " + features);
        }
        this.inputs = inputs;
        this.n = n;
        this.groups = groupsOf(model);
        this.theta = model.flatParameters().toArray();
    }

    /** The parameter groups of a network: one per parameter tensor, named as PyTorch names them. */
    public static ParameterGroups groupsOf(Sequential model) {
        List<String> names = new ArrayList<>();
        List<Parameter> ps = model.parameters();
        int[] sizes = new int[ps.size()];
        for (int k = 0; k < ps.size(); k++) {
            names.add(ps.get(k).name());
            sizes[k] = ps.get(k).size();
        }
        return new ParameterGroups(names, sizes);
    }

    @Override
    public int dataSize() {
        return n;
    }

    @Override
    public int outputs() {
        return model.outputSize();
    }

    @Override
    public ParameterGroups groups() {
        return groups;
    }

    @Override
    public double[] parameters() {
        return theta.clone();
    }

    @Override
    public JacobianBatch batch(int[] indices) {
        int m = indices.length;
        double[] x = new double[m * features];
        for (int i = 0; i < m; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IllegalArgumentException("NetworkLinearization: batch index " + indices[i] + " outside 0.."
                        + (n - 1));
            }
            System.arraycopy(inputs, indices[i] * features, x, i * features, features);
        }
        int[] shape = model.inputShape();
        int[] full = new int[shape.length + 1];
        full[0] = m;
        System.arraycopy(shape, 0, full, 1, shape.length);
        Tensor xb = Tensor.of(x, full);
        return new Batch(model.trace(xb), xb, m);
    }

    private final class Batch implements JacobianBatch {
        private final Trace trace;
        private final Tensor x;
        private final int m;
        private final double[] predictions;

        Batch(Trace trace, Tensor x, int m) {
            this.trace = trace;
            this.x = x;
            this.m = m;
            this.predictions = trace.output().toArray();
        }

        @Override
        public int size() {
            return m;
        }

        @Override
        public int outputs() {
            return model.outputSize();
        }

        @Override
        public ParameterGroups groups() {
            return groups;
        }

        @Override
        public double[] predictions() {
            return predictions.clone();
        }

        @Override
        public double[] weightedJacobian(double[] a, int r) {
            return Jacobians.weighted(model, x, Tensor.of(a.clone(), m, model.outputSize(), r)).toArray();
        }

        /**
         * Per-hyperparameter kernels {@code W_k = Σ_{g→k} K_g} from the structured per-layer Gram
         * method, which never forms the {@code (M·R)×P} Jacobian.
         */
        @Override
        public double[][] weightedKernels(double[] a, int r, int[] groupToKernel, int kernels) {
            GroupKernels gk = Ntk.weightedKernels(model, x, Tensor.of(a.clone(), m, model.outputSize(), r),
                    NtkMethod.STRUCTURED);
            int side = m * r;
            double[][] out = new double[kernels][side * side];
            for (int g = 0; g < gk.groups(); g++) {
                double[] k = gk.kernel(g).toArray();
                double[] target = out[groupToKernel[g]];
                for (int i = 0; i < k.length; i++) {
                    target[i] += k[i];
                }
            }
            return out;
        }

        @Override
        public List<KronCapture> kronCaptures(double[] a, int r) {
            int c = model.outputSize();
            BatchedCotangents cot = trace.backwardMany(Tensor.of(a.clone(), m, c, r));
            List<KronCapture> out = new ArrayList<>();
            for (int i = 0; i < model.numLayers(); i++) {
                Layer layer = model.layers().get(i);
                int[] params = model.layerParameterIndices(i);
                if (params.length == 0) {
                    continue;
                }
                int wg = params[0];
                int bg = params.length > 1 ? params[1] : -1;
                double[] g = cot.layerOutput(i).toArray();
                Tensor in = trace.kfacInput(i);
                if (layer instanceof Linear) {
                    Linear lin = (Linear) layer;
                    out.add(new KronCapture(wg, bg, in.toArray(), lin.inFeatures(), g, lin.outFeatures(), m, 1));
                } else {
                    int t = in.dim(1);
                    int dsz = in.dim(2);
                    int outC = model.parameters().get(wg).shape()[0];
                    double[] rows = new double[m * r * t * outC];
                    for (int d = 0; d < m * r; d++) {
                        for (int o = 0; o < outC; o++) {
                            for (int s = 0; s < t; s++) {
                                rows[(d * t + s) * outC + o] = g[(d * outC + o) * t + s];
                            }
                        }
                    }
                    out.add(new KronCapture(wg, bg, in.toArray(), dsz, rows, outC, m, t));
                }
            }
            return out;
        }
    }
}
