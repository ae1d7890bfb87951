package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** {@code y = reshape(x, shape)} (row-major). Linear; {@code x̄ = reshape(ȳ, shape x)}. */
public final class Reshape implements Primitive {
    private final int[] shape;

    /** @param shape the target shape, fully resolved (no −1) */
    public Reshape(int[] shape) {
        this.shape = shape.clone();
    }

    @Override
    public String name() {
        return "reshape";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].reshape(shape);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return tangents[0].reshape(shape);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {cotangent.reshape(inputs[0].shape())};
    }
}
