package org.jlaplace.autodiff.optim;

/**
 * The learning rate as a function of the number of optimiser steps already taken: step {@code t}
 * (0-based) uses {@code rate(t)}. This matches PyTorch, where {@code scheduler.step()} follows
 * each {@code optimizer.step()}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate of step {@code t ≥ 0}. */
    double rate(long t);

    /** The same rate at every step. */
    static LearningRateSchedule constant(double rate) {
        return new ConstantSchedule(rate);
    }
}
