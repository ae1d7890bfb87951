package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = max(a, b)} elementwise with broadcasting. With the constant mask
 * {@code m = 1[a ≥ b]} (ties go to a): {@code ẏ = m ⊙ ȧ + (1 − m) ⊙ ḃ},
 * {@code ā = sumTo(m ⊙ ȳ)}, {@code b̄ = sumTo((1 − m) ⊙ ȳ)}.
 */
public final class Maximum implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final Maximum INSTANCE = new Maximum();

    private Maximum() {
    }

    @Override
    public String name() {
        return "maximum";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].maximum(inputs[1]);
    }

    private static Tensor maskA(Var[] inputs) {
        return inputs[0].value().sub(inputs[1].value()).map(d -> d >= 0.0 ? 1.0 : 0.0);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Tensor m = maskA(inputs);
        Var fromA = tangents[0] == null ? null : tangents[0].mul(Var.of(m));
        Var fromB = tangents[1] == null ? null
            : tangents[1].mul(Var.of(m.neg().add(1.0)));
        Var sum = fromA == null ? fromB : fromB == null ? fromA : fromA.add(fromB);
        return sum.broadcastTo(output.shape());
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        Tensor m = maskA(inputs);
        return new Var[] {
            needed[0] ? cotangent.mul(Var.of(m)).sumTo(inputs[0].shape()) : null,
            needed[1] ? cotangent.mul(Var.of(m.neg().add(1.0))).sumTo(inputs[1].shape()) : null};
    }
}
