package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = where(c, a, b)}: a where the constant condition c is non-zero, else b, with
 * broadcasting. Linear in (a, b): {@code ẏ = where(c, ȧ, ḃ)},
 * {@code ā = sumTo(where(c, ȳ, 0))}, {@code b̄ = sumTo(where(c, 0, ȳ))}. The unselected branch
 * receives an exact zero, so an overflowing unselected branch does not poison the gradient.
 */
public final class Where implements Primitive {
    private final Tensor condition;

    /** @param condition the selector (non-zero selects the first operand); not differentiated */
    public Where(Tensor condition) {
        this.condition = condition;
    }

    /** The selector tensor. */
    public Tensor condition() {
        return condition;
    }

    @Override
    public String name() {
        return "where";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return Tensor.where(condition, inputs[0], inputs[1]);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var a = tangents[0] == null ? Var.scalar(0.0) : tangents[0];
        Var b = tangents[1] == null ? Var.scalar(0.0) : tangents[1];
        return Var.apply(this, a, b).broadcastTo(output.shape());
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        Var zero = Var.scalar(0.0);
        return new Var[] {
            needed[0] ? Var.apply(this, cotangent, zero).sumTo(inputs[0].shape()) : null,
            needed[1] ? Var.apply(this, zero, cotangent).sumTo(inputs[1].shape()) : null};
    }
}
