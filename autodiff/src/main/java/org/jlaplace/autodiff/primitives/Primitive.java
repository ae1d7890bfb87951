package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * One differentiable operation: its forward computation on tensors, its JVP rule and its VJP rule.
 *
 * <p>Both rules are written with {@link Var} operations, so the tangents and cotangents they
 * return are themselves differentiable: derivatives of derivatives need no extra rules.
 * Non-differentiable parameters (axes, shapes, strides, index arrays, masks) are fields of the
 * primitive instance; differentiable operands are the {@code inputs}.
 */
public interface Primitive {

    /** The name under which the primitive is registered in {@link PrimitiveTable}. */
    String name();

    /** The value of the operation on the input values. Must not modify its arguments. */
    Tensor forward(Tensor[] inputs);

    /**
     * Forward-mode rule: the tangent of the output, {@code Σ_i ∂out/∂in_i · tangents[i]}.
     *
     * @param inputs   the operands
     * @param output   the node that {@link #forward} produced from them
     * @param tangents one tangent per input, same shape as that input; {@code null} means zero
     *                 (at least one is non-null)
     * @return the output tangent, with the output's shape
     */
    Var jvp(Var[] inputs, Var output, Var[] tangents);

    /**
     * Reverse-mode rule: the cotangent of each input, {@code (∂out/∂in_i)ᵀ · cotangent}.
     *
     * @param inputs    the operands
     * @param output    the node that {@link #forward} produced from them
     * @param cotangent a cotangent with the output's shape
     * @param needed    which inputs need a cotangent; entries that are not needed may be null
     * @return one cotangent per input, each with that input's shape
     */
    Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed);
}
