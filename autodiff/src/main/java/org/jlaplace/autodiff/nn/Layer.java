package org.jlaplace.autodiff.nn;

import java.util.List;

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
