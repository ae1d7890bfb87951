package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = a + b} with NumPy broadcasting. JVP {@code ẏ = ȧ + ḃ}; VJP sums the cotangent back
 * over the broadcast axes: {@code ā = sumTo(ȳ, shape a)}, {@code b̄ = sumTo(ȳ, shape b)}.
 */
public final class Add implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final Add INSTANCE = new Add();

    private Add() {
    }

    @Override
    public String name() {
        return "add";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].add(inputs[1]);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        if (tangents[0] == null) {
            return tangents[1].broadcastTo(output.shape());
        }
        if (tangents[1] == null) {
            return tangents[0].broadcastTo(output.shape());
        }
        return tangents[0].add(tangents[1]);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {
            needed[0] ? cotangent.sumTo(inputs[0].shape()) : null,
            needed[1] ? cotangent.sumTo(inputs[1].shape()) : null};
    }
}
