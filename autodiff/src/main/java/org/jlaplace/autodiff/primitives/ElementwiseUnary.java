package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * A primitive {@code y = φ(x)} applied element by element. Both rules follow from the pointwise
 * derivative: {@code ẏ = φ'(x) ⊙ ẋ} and {@code x̄ = φ'(x) ⊙ ȳ}.
 */
abstract class ElementwiseUnary implements Primitive {

    /** {@code φ} applied to every element. */
    abstract Tensor apply(Tensor x);

    /** The pointwise derivative {@code φ'(x)} as a differentiable expression of x and y = φ(x). */
    abstract Var derivative(Var x, Var y);

    @Override
    public final Tensor forward(Tensor[] inputs) {
        return apply(inputs[0]);
    }

    @Override
    public final Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return tangents[0].mul(derivative(inputs[0], output));
    }

    @Override
    public final Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {cotangent.mul(derivative(inputs[0], output))};
    }
}
