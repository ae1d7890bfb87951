package org.jlaplace.autodiff.nn;

/**
 * The batched compute kernel of one layer for a fixed input shape, on row-major {@code double[]}
 * buffers. A batch holds {@code m} examples; cotangents and tangents hold {@code r} directions
 * per example, stored as rows {@code n·r + q} (direction {@code q} of example {@code n}), so that
 * many directions share one forward pass.
 *
 * <p>{@code params} holds the layer's parameter storage in PyTorch order ({@code [weight, bias]},
 * bias {@code null} when absent; empty for parameter-free layers).
 *
 * <p>Every rule has a float32 twin on {@code float[]} buffers with the same contract, written next
 * to its float64 rule in each layer's op, so one layer's rules live in one place. The float32
 * forward pass may reuse the saved state of an earlier pass with the same batch size
 * ({@code reuse}), so that training steps allocate nothing per step.
 */
abstract class LayerOp {
    final int[] inShape;
    final int[] outShape;
    final int inSize;
    final int outSize;

    LayerOp(int[] inShape, int[] outShape) {
        this.inShape = inShape.clone();
        this.outShape = outShape.clone();
        this.inSize = Layer.product(inShape);
        this.outSize = Layer.product(outShape);
    }

    /**
     * {@code y = layer(x)} for {@code x} of {@code [m, inSize]} into {@code y} of {@code [m, outSize]}.
     *
     * @return what the backward and tangent rules need besides {@code x} (activation derivatives,
     *     argmax indices, im2col patches), or {@code null}
     */
    abstract Object forward(double[] x, int m, double[][] params, double[] y);

    /** {@code y = layer(x)} when nothing needs to be saved (plain inference); defaults to {@link #forward}. */
    void evaluate(double[] x, int m, double[][] params, double[] y) {
        forward(x, m, params, y);
    }

    /**
     * Pulls cotangents back through the layer: {@code gx[n·r+q] = (∂y_n/∂x_n)ᵀ gy[n·r+q]}, with
     * {@code gy} of {@code [m·r, outSize]} and {@code gx} of {@code [m·r, inSize]} (overwritten).
     */
    abstract void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx);

    /**
     * Adds the parameter cotangents summed over the examples, one per direction:
     * {@code grads[k][q·size_k + i] += Σ_n (∂y_n/∂θ_k)ᵀ gy[n·r+q]}. Parameter-free layers do nothing.
     */
    void backwardParams(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[][] grads) {
    }

    /**
     * Pushes tangents forward: {@code ty[n·r+q] = (∂y_n/∂x_n) tx[n·r+q] + Σ_k (∂y_n/∂θ_k) v[k][q]}.
     * {@code tx} may be {@code null} (zero input tangent); {@code v} may be {@code null} or hold
     * {@code null} entries (zero parameter tangent), else {@code v[k]} is {@code [r, size_k]}.
     * {@code ty} of {@code [m·r, outSize]} is overwritten.
     */
    abstract void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty);

    /**
     * The Kronecker geometry of a layer whose weight cotangent is a sum of outer products
     * {@code Σ_t b_{:,t} a_tᵀ} of output cotangent columns and input rows: {@code {T, in, out}}
     * with {@code T} positions ({@code a} is {@code [M, T, in]}, a cotangent row {@code [out, T]}),
     * or {@code null} for a layer without such factors (the default).
     */
    int[] kroneckerShape() {
        return null;
    }

    /**
     * The rows {@code a_{n,t}} ({@code [M·T·in]}, read-only) of {@link #kroneckerShape()} from the
     * forward pass's input {@code x} and saved state.
     */
    double[] kroneckerInputs(double[] x, Object saved) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no Kronecker factors");
    }

    // ---- float32 twins: the same rules on float[] buffers ----

    /**
     * The float32 twin of {@link #forward(double[], int, double[][], double[])}. {@code reuse} is the
     * state this op returned from an earlier float32 forward pass with the same {@code m}, or
     * {@code null}; an op may fill and return it instead of allocating.
     */
    abstract Object forward(float[] x, int m, float[][] params, float[] y, Object reuse);

    /** The float32 twin of {@link #backwardInput(double[], Object, int, int, double[], double[][], double[])}. */
    abstract void backwardInput(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[] gx);

    /** The float32 twin of {@link #backwardParams(double[], Object, int, int, double[], double[][], double[][])}. */
    void backwardParams(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[][] grads) {
    }

    /** The float32 twin of {@link #jvp(double[], Object, int, int, double[], double[][], double[][], double[])}. */
    abstract void jvp(float[] x, Object saved, int m, int r, float[] tx, float[][] params, float[][] v, float[] ty);

    /** The float32 twin of {@link #kroneckerInputs(double[], Object)}. */
    float[] kroneckerInputs(float[] x, Object saved) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no Kronecker factors");
    }
}
