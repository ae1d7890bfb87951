package org.jlaplace.autodiff;

/**
 * A scalar function's value and its gradient with respect to one argument.
 *
 * @param value the function value (one element)
 * @param grad  the gradient, with the argument's shape
 */
public record ValueAndGrad(Var value, Var grad) {
}
