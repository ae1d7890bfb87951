package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code Y = A B} for operands of rank ≥ 2 ({@code …×m×k @ …×k×n}, batch axes broadcast).
 * JVP {@code Ẏ = Ȧ B + A Ḃ}; VJP {@code Ā = sumTo(Ȳ Bᵀ, shape A)},
 * {@code B̄ = sumTo(Aᵀ Ȳ, shape B)} (ᵀ swaps the last two axes).
 */
public final class MatMul implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final MatMul INSTANCE = new MatMul();

    private MatMul() {
    }

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].matmul(inputs[1]);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var fromA = tangents[0] == null ? null : tangents[0].matmul(inputs[1]);
        Var fromB = tangents[1] == null ? null : inputs[0].matmul(tangents[1]);
        Var sum = fromA == null ? fromB : fromB == null ? fromA : fromA.add(fromB);
        return sum.broadcastTo(output.shape());
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {
            needed[0] ? cotangent.matmul(inputs[1].transpose()).sumTo(inputs[0].shape()) : null,
            needed[1] ? inputs[0].transpose().matmul(cotangent).sumTo(inputs[1].shape()) : null};
    }
}
