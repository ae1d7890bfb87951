package org.jlaplace.autodiff;

/**
 * A scalar function's value and its gradients with respect to each of several arguments.
 *
 * @param value the function value (one element)
 * @param grads one gradient per argument, each with that argument's shape
 */
public record ValueAndGrads(Var value, Var[] grads) {
}
