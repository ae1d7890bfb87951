package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** Elementwise {@code y = tanh x}; derivative {@code φ'(x) = 1 − y²}. */
public final class Tanh extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    Tensor apply(Tensor x) {
        return x.tanh();
    }

    @Override
    Var derivative(Var x, Var y) {
        return Var.scalar(1.0).sub(y.square());
    }
}
