package org.jlaplace.autodiff.optim;

/** Argument checks shared by the schedules and optimisers. */
final class Schedules {

    private Schedules() {
    }

    static void requireRate(String owner, String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and ≥ 0, got " + value);
        }
    }

    static void requireStep(String owner, long t) {
        if (t < 0) {
            throw new IllegalArgumentException(owner + ": step must be ≥ 0, got " + t);
        }
    }

    static void requireInRange(String owner, String name, double value, double lo, boolean loInclusive,
                               double hi, boolean hiInclusive) {
        boolean ok = (loInclusive ? value >= lo : value > lo) && (hiInclusive ? value <= hi : value < hi);
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + name + " must lie in " + (loInclusive ? "[" : "(")
                    + lo + ", " + hi + (hiInclusive ? "]" : ")") + ", got " + value);
        }
    }
}
