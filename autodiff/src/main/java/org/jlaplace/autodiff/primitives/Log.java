package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** Elementwise {@code y = log x (natural)}; derivative {@code φ'(x) = 1/x}. */
public final class Log extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Log INSTANCE = new Log();

    private Log() {
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    Tensor apply(Tensor x) {
        return x.log();
    }

    @Override
    Var derivative(Var x, Var y) {
        return x.reciprocal();
    }
}
