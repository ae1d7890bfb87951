package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = broadcastTo(x, shape)} (NumPy rules). Linear; its adjoint sums over the broadcast
 * axes: {@code x̄ = sumTo(ȳ, shape x)}.
 */
public final class BroadcastTo implements Primitive {
    private final int[] shape;

    /** @param shape the target shape */
    public BroadcastTo(int[] shape) {
        this.shape = shape.clone();
    }

    @Override
    public String name() {
        return "broadcastTo";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].broadcastTo(shape);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return tangents[0].broadcastTo(shape);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {cotangent.sumTo(inputs[0].shape())};
    }
}
