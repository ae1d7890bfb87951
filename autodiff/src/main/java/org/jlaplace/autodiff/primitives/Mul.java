package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = a ⊙ b} with NumPy broadcasting. JVP {@code ẏ = ȧ ⊙ b + a ⊙ ḃ}; VJP
 * {@code ā = sumTo(ȳ ⊙ b, shape a)}, {@code b̄ = sumTo(ȳ ⊙ a, shape b)}.
 */
public final class Mul implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final Mul INSTANCE = new Mul();

    private Mul() {
    }

    @Override
    public String name() {
        return "mul";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].mul(inputs[1]);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var fromA = tangents[0] == null ? null : tangents[0].mul(inputs[1]);
        Var fromB = tangents[1] == null ? null : inputs[0].mul(tangents[1]);
        Var sum = fromA == null ? fromB : fromB == null ? fromA : fromA.add(fromB);
        return sum.broadcastTo(output.shape());
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {
            needed[0] ? cotangent.mul(inputs[1]).sumTo(inputs[0].shape()) : null,
            needed[1] ? cotangent.mul(inputs[0]).sumTo(inputs[1].shape()) : null};
    }
}
