package org.jlaplace.autodiff;

import java.util.function.Function;

/**
 * A function's value and its pullback {@code u ↦ J(x)ᵀ u}, which reuses the recorded graph on
 * every call (one reverse sweep per cotangent).
 */
public final class VjpResult {
    private final Var value;
    private final Function<Var, Var[]> pullback;

    VjpResult(Var value, Function<Var, Var[]> pullback) {
        this.value = value;
        this.pullback = pullback;
    }

    /** {@code f(x)}. */
    public Var value() {
        return value;
    }

    /** {@code J_i(x)ᵀ u} for every argument i; u must have the value's shape. */
    public Var[] pullbackAll(Var cotangent) {
        return pullback.apply(cotangent);
    }

    /** {@code J(x)ᵀ u} for a function of one argument. */
    public Var pullback(Var cotangent) {
        Var[] g = pullback.apply(cotangent);
        if (g.length != 1) {
            throw new IllegalStateException("pullback: the function has " + g.length
                + " arguments; use pullbackAll");
        }
        return g[0];
    }
}
