package org.jlaplace.autodiff.nn;

import java.util.List;
import org.jlaplace.autodiff.Var;

/**
 * Flattens every axis but the batch axis (PyTorch's {@code nn.Flatten()} with its defaults):
 * {@code [C, H, W] → [C·H·W]}, row-major, so the data do not move.
 */
public final class Flatten extends Layer {

    public Flatten() {
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("flatten: input shape must have at least one axis");
        }
        return new int[] {product(inputShape)};
    }

    @Override
    public String type() {
        return "flatten";
    }

    @Override
    LayerOp bind(int[] inputShape) {
        return new FlattenOp(inputShape, outputShape(inputShape));
    }

    @Override
    Var graph(Var input, List<Var> parameters) {
        return input.flatten(1);
    }

    @Override
    public String toString() {
        return "flatten";
    }
}
