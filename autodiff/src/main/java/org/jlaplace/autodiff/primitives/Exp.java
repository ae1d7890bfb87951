package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** Elementwise {@code y = e^x}; derivative {@code φ'(x) = e^x = y}. */
public final class Exp extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Exp INSTANCE = new Exp();

    private Exp() {
    }

    @Override
    public String name() {
        return "exp";
    }

    @Override
    Tensor apply(Tensor x) {
        return x.exp();
    }

    @Override
    Var derivative(Var x, Var y) {
        return y;
    }
}
