package org.jlaplace.laplace.prior;

/** Validation shared by the prior structures; messages name the offending value and index. */
final class PriorChecks {
    private PriorChecks() {
    }

    static double logOfPrecision(double precision, int index) {
        if (!(precision > 0.0) || !Double.isFinite(precision)) {
            throw new IllegalArgumentException("prior precision " + index
                    + " must be positive and finite, got " + precision);
        }
        return Math.log(precision);
    }

    static double[] logsOfPrecisions(double[] precisions) {
        if (precisions.length == 0) {
            throw new IllegalArgumentException("prior precisions: need at least one value");
        }
        double[] out = new double[precisions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logOfPrecision(precisions[i], i);
        }
        return out;
    }

    static double[] checkLogs(double[] logs) {
        if (logs.length == 0) {
            throw new IllegalArgumentException("prior log precisions: need at least one value");
        }
        for (int i = 0; i < logs.length; i++) {
            double v = logs[i];
            // exp must stay a positive finite double, else δ or 1/δ breaks every formula.
            if (!Double.isFinite(v) || Math.abs(v) > 700.0) {
                throw new IllegalArgumentException("prior log precision " + i
                        + " must be finite with |log δ| ≤ 700, got " + v);
            }
        }
        return logs.clone();
    }

    static void checkCount(String structure, int have, int need, String what) {
        if (have != need) {
            throw new IllegalArgumentException(structure + " prior: has " + have + " precisions, model has "
                    + need + " " + what);
        }
    }
}
