package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** Elementwise {@code y = σ(x) = 1 / (1 + e^{-x})}; derivative {@code φ'(x) = y (1 − y)}. */
public final class Sigmoid extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    Tensor apply(Tensor x) {
        return x.sigmoid();
    }

    @Override
    Var derivative(Var x, Var y) {
        return y.mul(Var.scalar(1.0).sub(y));
    }
}
