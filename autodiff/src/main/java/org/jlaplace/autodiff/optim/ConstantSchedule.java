package org.jlaplace.autodiff.optim;

/** {@code η_t = η} for every step. */
public record ConstantSchedule(double rate) implements LearningRateSchedule {

    public ConstantSchedule {
        Schedules.requireRate("ConstantSchedule", "rate", rate);
    }

    @Override
    public double rate(long t) {
        Schedules.requireStep("ConstantSchedule", t);
        return rate;
    }
}
