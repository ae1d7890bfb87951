package org.jlaplace.autodiff;

import java.util.function.Function;

/**
 * A function's value and its linearisation {@code v ↦ J(x) v} at a point, which reuses the
 * recorded graph on every call (one forward sweep per tangent, no re-evaluation of f).
 */
public final class Linearization {
    private final Var value;
    private final Function<Var[], Var> pushforward;
    private final int arity;

    Linearization(Var value, Function<Var[], Var> pushforward, int arity) {
        this.value = value;
        this.pushforward = pushforward;
        this.arity = arity;
    }

    /** {@code f(x)}. */
    public Var value() {
        return value;
    }

    /** {@code Σ_i J_i(x) v_i}: one tangent per argument, each with that argument's shape. */
    public Var pushforward(Var... tangents) {
        if (tangents.length != arity) {
            throw new IllegalArgumentException("pushforward: expected " + arity + " tangents, got "
                + tangents.length);
        }
        return pushforward.apply(tangents);
    }
}
