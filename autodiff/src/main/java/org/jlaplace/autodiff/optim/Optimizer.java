package org.jlaplace.autodiff.optim;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.core.Tensor;

/**
 * A first-order optimiser: {@link #step} updates each parameter tensor in place from its gradient
 * (of the loss to be minimised). State such as momentum belongs to the position in the list, so
 * every call must pass the same parameters in the same order with the same shapes.
 */
public interface Optimizer {

    /**
     * One update of every {@code parameters.get(k)} in place from {@code gradients.get(k)}.
     *
     * @throws IllegalArgumentException if the lists differ in length, a gradient's shape differs
     *                                  from its parameter's, the shapes differ from earlier steps,
     *                                  or a gradient holds NaN/Inf (naming the index)
     */
    void step(List<Tensor> parameters, List<Tensor> gradients);

    /** {@link #step} on the values of network parameters (e.g. {@code model.parameters()}). */
    default void stepParameters(List<Parameter> parameters, List<Tensor> gradients) {
        List<Tensor> values = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            values.add(p.value());
        }
        step(values, gradients);
    }

    /** The number of steps taken so far. */
    long steps();

    /** The learning rate the next step will use. */
    double learningRate();
}
