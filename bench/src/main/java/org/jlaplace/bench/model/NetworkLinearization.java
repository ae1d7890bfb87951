package org.jlaplace.bench.model;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.nn.BatchedCotangents;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.autodiff.nn.Trace;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.LinearizedModel;
import org.jlaplace.laplace.curvature.KronCapture;
import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * A trained {@link Sequential} at its current parameters {@code θ*} on a fixed input set, as the
 * laplace module's {@link LinearizedModel}. A batch is traced once; weighted Jacobians
 * {@code B = Āᵀ J} come from one batched reverse pass of the {@code R} cotangents per datum
 * ({@link Trace#backwardMany}) and the per-layer inputs: a Linear layer's row for datum {@code n}
 * and direction {@code r} is {@code b_nr ⊗ a_n} (weight) and {@code b_nr} (bias); a Conv2d layer's is
 * {@code Σ_t b_nrt p_ntᵀ} (weight, patches {@code p}) and {@code Σ_t b_nrt} (bias). The same
 * quantities feed KFAC's per-layer captures. The model must not change while this view is in use.
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
        return new Batch(model.trace(Tensor.of(x, full)), m);
    }

    private final class Batch implements JacobianBatch {
        private final Trace trace;
        private final int m;
        private final double[] predictions;

        Batch(Trace trace, int m) {
            this.trace = trace;
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
            int c = model.outputSize();
            BatchedCotangents cot = trace.backwardMany(Tensor.of(a.clone(), m, c, r));
            int p = model.numParameters();
            double[] b = new double[m * r * p];
            for (int i = 0; i < model.numLayers(); i++) {
                Layer layer = model.layers().get(i);
                int[] params = model.layerParameterIndices(i);
                if (params.length == 0) {
                    continue;
                }
                int wOff = model.parameterOffset(params[0]);
                int bOff = params.length > 1 ? model.parameterOffset(params[1]) : -1;
                double[] g = cot.layerOutput(i).toArray();
                double[] in = trace.kfacInput(i).toArray();
                if (layer instanceof Linear) {
                    Linear lin = (Linear) layer;
                    linearRows(b, p, r, g, in, lin.inFeatures(), lin.outFeatures(), wOff, bOff);
                } else if (layer instanceof Conv2d) {
                    int[] ks = trace.kfacInput(i).shape();
                    int out = model.parameters().get(params[0]).shape()[0];
                    convRows(b, p, r, g, in, ks[1], ks[2], out, wOff, bOff);
                } else {
                    throw new IllegalStateException("NetworkLinearization: layer " + i + " (" + layer
                            + ") has parameters but is neither Linear nor Conv2d");
                }
            }
            return b;
        }

        /** Row {@code (n·R + r)}: weight {@code g_nr ⊗ a_n} at {@code wOff}, bias {@code g_nr} at {@code bOff}. */
        private void linearRows(double[] b, int p, int r, double[] g, double[] in, int inF, int outF, int wOff, int bOff) {
            for (int d = 0; d < m; d++) {
                for (int q = 0; q < r; q++) {
                    int row = (d * r + q) * p;
                    int go = (d * r + q) * outF;
                    for (int o = 0; o < outF; o++) {
                        double gv = g[go + o];
                        if (bOff >= 0) {
                            b[row + bOff + o] = gv;
                        }
                        if (gv == 0.0) {
                            continue;
                        }
                        int w = row + wOff + o * inF;
                        int ai = d * inF;
                        for (int j = 0; j < inF; j++) {
                            b[w + j] = gv * in[ai + j];
                        }
                    }
                }
            }
        }

        /**
         * Row {@code (n·R + r)}: weight {@code Σ_t g[o, t]·patch[t, :]} (row-major {@code out × D}) and
         * bias {@code Σ_t g[o, t]}, with {@code g} of shape {@code [M, R, out, T]} and patches {@code [M, T, D]}.
         */
        private void convRows(double[] b, int p, int r, double[] g, double[] patches, int t, int dsz, int out,
                              int wOff, int bOff) {
            for (int d = 0; d < m; d++) {
                for (int q = 0; q < r; q++) {
                    int row = (d * r + q) * p;
                    int go = (d * r + q) * out * t;
                    for (int o = 0; o < out; o++) {
                        double bias = 0;
                        int w = row + wOff + o * dsz;
                        for (int s = 0; s < t; s++) {
                            double gv = g[go + o * t + s];
                            bias += gv;
                            if (gv == 0.0) {
                                continue;
                            }
                            int po = (d * t + s) * dsz;
                            for (int j = 0; j < dsz; j++) {
                                b[w + j] += gv * patches[po + j];
                            }
                        }
                        if (bOff >= 0) {
                            b[row + bOff + o] = bias;
                        }
                    }
                }
            }
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
