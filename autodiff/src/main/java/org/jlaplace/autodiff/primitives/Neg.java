package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** {@code y = −x}; linear, so both rules negate: {@code ẏ = −ẋ}, {@code x̄ = −ȳ}. */
public final class Neg implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final Neg INSTANCE = new Neg();

    private Neg() {
    }

    @Override
    public String name() {
        return "neg";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].neg();
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return tangents[0].neg();
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {cotangent.neg()};
    }
}
