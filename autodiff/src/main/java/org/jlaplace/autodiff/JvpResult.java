package org.jlaplace.autodiff;

/**
 * A function's value and its directional derivative {@code J v}.
 *
 * @param value   {@code f(x)}
 * @param tangent {@code J(x) v}, with the value's shape
 */
public record JvpResult(Var value, Var tangent) {
}
