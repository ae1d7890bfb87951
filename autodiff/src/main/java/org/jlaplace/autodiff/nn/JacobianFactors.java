package org.jlaplace.autodiff.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.core.Tensor;

/**
 * A network linearised on one batch for Jacobian-structured computations: one forward pass at the
 * current parameters, after which {@link #pull(Tensor)} gives, for weights {@code a} of the
 * outputs, the {@link LayerFactors} of every parametric layer, from which the rows
 * {@code a_nrᵀ J_n} are outer products. Nothing of the per-layer kernels shows through: what a
 * layer contributes is decided by the layer.
 */
public final class JacobianFactors {
    private final Trace trace;

    private JacobianFactors(Trace trace) {
        this.trace = trace;
    }

    /**
     * One forward pass of {@code network} on {@code x} ({@code [M, inputShape…]}).
     *
     * @throws IllegalArgumentException when a layer with parameters has no Kronecker factors
     */
    public static JacobianFactors of(Sequential network, Tensor x) {
        return of(network, x, Dtype.FLOAT64);
    }

    /**
     * One forward pass in {@code dtype}; for {@link Dtype#FLOAT32} the pullbacks run in float32 too
     * and the factors handed out are widened to float64.
     */
    public static JacobianFactors of(Sequential network, Tensor x, Dtype dtype) {
        requireFactors(network);
        return new JacobianFactors(network.trace(x, dtype));
    }

    /** Checks that every layer with parameters has Kronecker factors (Linear, Conv2d). */
    public static void requireFactors(Sequential network) {
        for (int i = 0; i < network.numLayers(); i++) {
            if (network.layerParameterIndices(i).length > 0 && network.op(i).kroneckerShape() == null) {
                throw new IllegalArgumentException("layer " + i + " (" + network.layers().get(i)
                        + ") has parameters but no Kronecker factors (only Linear and Conv2d layers have)");
            }
        }
    }

    /**
     * Whether every layer with parameters has a single position ({@code T = 1}: Linear), so that
     * its Jacobian rows are plain outer products; known without pulling anything back.
     */
    public boolean singlePositionLayers() {
        Sequential model = trace.model();
        for (int i = 0; i < model.numLayers(); i++) {
            if (model.layerParameterIndices(i).length > 0 && model.op(i).kroneckerShape()[0] != 1) {
                return false;
            }
        }
        return true;
    }

    /** The batch size {@code M}. */
    public int batchSize() {
        return trace.batchSize();
    }

    /** The network outputs {@code [M, C]} (a fresh copy). */
    public double[] outputs() {
        return trace.output().toArray();
    }

    /**
     * The factors of the rows {@code a_nrᵀ J_n} for {@code a} of shape {@code [M, C, R]}, one entry
     * per layer with parameters, in layer order.
     */
    public List<LayerFactors> pull(Tensor a) {
        int[] s = a.shape();
        Sequential model = trace.model();
        if (s.length != 3 || s[0] != batchSize() || s[1] != model.outputSize() || s[2] <= 0) {
            throw new IllegalArgumentException("JacobianFactors.pull: weights must have shape [" + batchSize() + ", "
                    + model.outputSize() + ", R] but have " + Arrays.toString(s));
        }
        return trace.backwardMany(a).parametricFactors();
    }

    /** The factors of the plain Jacobian rows {@code e_cᵀ J_n} ({@code R = C}). */
    public List<LayerFactors> pullIdentity() {
        return trace.backwardIdentity().parametricFactors();
    }

    static List<LayerFactors> collect(BatchedCotangents cot) {
        Trace trace = cot.trace();
        Sequential model = trace.model();
        List<LayerFactors> out = new ArrayList<>();
        for (int i = 0; i < model.numLayers(); i++) {
            int[] params = model.layerParameterIndices(i);
            if (params.length > 0) {
                out.add(cot.factors(i));
            }
        }
        return out;
    }
}
