package org.jlaplace.autodiff.nn;

import org.jlaplace.core.Tensor;

/**
 * {@code R} cotangents per example pulled back through a {@link Trace} in one batched pass.
 * For direction {@code r} of example {@code n} with output cotangent {@code a_nr}, the cotangent of
 * layer {@code i}'s output is {@code b^{(i)}_nr = (∂f(x_n)/∂y^{(i)}_n)ᵀ a_nr}.
 *
 * <p>For a {@link Linear} layer {@code i} with input {@code a_n} ({@link Trace#kfacInput}), the
 * gradient of {@code a_nrᵀ f(x_n)} in the weight is {@code b_nr a_nᵀ} and in the bias {@code b_nr};
 * for a {@link Conv2d} layer with patches {@code p_{n,s}} it is {@code Σ_s b_nr[:, s] p_{n,s}ᵀ} and
 * {@code Σ_s b_nr[:, s]}. This is what KFAC and the structured NTK consume.
 *
 * <p>For a float32 trace the cotangents are float32 and each layer's is widened to float64 once,
 * when it is first asked for.
 */
public final class BatchedCotangents {
    private final Trace trace;
    private final int directions;
    /** Float64 cotangents per layer; for a float32 trace, filled by widening on first request. */
    private final double[][] perLayer;
    /** Float32 cotangents per layer, or null for a float64 trace. */
    private final float[][] perLayer32;

    BatchedCotangents(Trace trace, int directions, double[][] perLayer) {
        this.trace = trace;
        this.directions = directions;
        this.perLayer = perLayer;
        this.perLayer32 = null;
    }

    BatchedCotangents(Trace trace, int directions, float[][] perLayer32) {
        this.trace = trace;
        this.directions = directions;
        this.perLayer = new double[perLayer32.length][];
        this.perLayer32 = perLayer32;
    }

    /** Layer {@code i}'s cotangents in float64 (widened once for a float32 trace). */
    private synchronized double[] layer(int i) {
        if (perLayer[i] == null) {
            perLayer[i] = Widening.widen(perLayer32[i]);
        }
        return perLayer[i];
    }

    public Trace trace() {
        return trace;
    }

    /** The number of directions {@code R} per example. */
    public int directions() {
        return directions;
    }

    /**
     * The cotangent of layer {@code i}'s output, {@code [M, R, shape…]} with the layer's output shape
     * (NCHW image shape {@code [C_out, H_out, W_out]} for Conv2d). A view: do not modify.
     */
    public Tensor layerOutput(int i) {
        Sequential model = trace.model();
        int[] shape = model.shapeBefore(i + 1);
        int[] full = new int[shape.length + 2];
        full[0] = trace.batchSize();
        full[1] = directions;
        System.arraycopy(shape, 0, full, 2, shape.length);
        return Tensor.of(layer(i), full);
    }

    /** The cotangent of the network input, {@code [M, R, inputShape…]} (computed on request). */
    public Tensor input() {
        Sequential model = trace.model();
        int[] shape = model.inputShape();
        int[] full = new int[shape.length + 2];
        full[0] = trace.batchSize();
        full[1] = directions;
        System.arraycopy(shape, 0, full, 2, shape.length);
        double[] in = perLayer32 == null ? trace.inputCotangent(perLayer[0], directions)
                : Widening.widen(trace.inputCotangent32(perLayer32[0], directions));
        return Tensor.of(in, full);
    }

    /**
     * Per-direction parameter cotangents summed over examples, {@code Σ_n J_nᵀ a_nr}, as {@code [R, P]}.
     */
    public Tensor parameterCotangents() {
        double[][] grads = perLayer32 == null ? trace.parameterCotangents(perLayer, directions, null)
                : Trace.widen(trace.parameterCotangents32(perLayer32, directions, null));
        return Tensor.of(trace.flatten(grads, directions), directions, trace.model().numParameters());
    }

    /**
     * The Kronecker factors of layer {@code i} (Linear or Conv2d): its inputs and these
     * cotangents of its output.
     *
     * @throws IllegalArgumentException for a layer without parameters or factors
     */
    public LayerFactors factors(int i) {
        Sequential model = trace.model();
        LayerOp op = model.op(i);
        int[] shape = op.kroneckerShape();
        int[] params = model.layerParameterIndices(i);
        if (shape == null || params.length == 0) {
            throw new IllegalArgumentException("BatchedCotangents.factors: layer " + i + " (" + model.layers().get(i)
                    + ") has no Kronecker factors");
        }
        return new LayerFactors(i, params, trace.batchSize(), directions, shape, trace.kroneckerInputs(i), layer(i));
    }

    /** {@link #factors(int)} of every layer with parameters, in layer order. */
    public java.util.List<LayerFactors> parametricFactors() {
        return JacobianFactors.collect(this);
    }

    double[] raw(int i) {
        return layer(i);
    }
}
