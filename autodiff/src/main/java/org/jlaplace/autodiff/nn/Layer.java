package org.jlaplace.autodiff.nn;

import java.util.List;
import org.jlaplace.autodiff.Var;

/**
 * A layer of a {@link Sequential}: an immutable description (type and hyperparameters). The
 * parameters are owned by the {@code Sequential}, which names them after the layer's index.
 *
 * <p>Shapes exclude the batch axis: a Linear layer maps {@code [in]} to {@code [out]}, image
 * layers map {@code [C, H, W]} (NCHW without N).
 */
public abstract sealed class Layer permits Linear, Conv2d, Pool2d, Flatten, Activation {

    Layer() {
    }

    /**
     * The shape this layer produces from an input of shape {@code inputShape}.
     *
     * @throws IllegalArgumentException naming the layer and the shape when the input does not fit
     */
    public abstract int[] outputShape(int[] inputShape);

    /** The parameter tensors in PyTorch order (weight, then bias); empty for parameter-free layers. */
    public List<ParameterSpec> parameterSpecs() {
        return List.of();
    }

    /** The layer type as written in model.json, e.g. {@code "linear"}, {@code "leaky_relu"}. */
    public abstract String type();

    /** The compute kernel of this layer for one fixed input shape (already validated). */
    abstract LayerOp bind(int[] inputShape);

    /**
     * This layer as a graph node on a batch {@code [M, inputShape…]}, with its parameters in
     * {@link #parameterSpecs()} order (shapes already checked): the graph path of a
     * {@link Sequential}, differentiable to any order.
     */
    abstract Var graph(Var input, List<Var> parameters);

    /**
     * For a layer whose weight gradient is a sum of outer products (Linear, Conv2d): its input
     * {@code [M, inputShape…]} as the rows {@code a_{n,t}} ({@code [M, T, in]}) that multiply the
     * output cotangent columns {@code b_n[:, t]}, as a graph node. The graph twin of
     * {@link LayerFactors#inputs()}: {@code T = 1} and the input itself for Linear, the im2col
     * patches at the {@code T} output positions for Conv2d.
     *
     * @throws IllegalArgumentException for a layer without such factors
     */
    public Var kroneckerInputs(Var input) {
        throw new IllegalArgumentException(this + " has no Kronecker factors (only Linear and Conv2d layers have)");
    }

    static int product(int[] shape) {
        int p = 1;
        for (int d : shape) {
            p *= d;
        }
        return p;
    }

    static void requirePositive(String layer, String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(layer + ": " + what + " must be positive, got " + value);
        }
    }
}
