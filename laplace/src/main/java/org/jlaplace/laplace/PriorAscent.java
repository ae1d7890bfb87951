package org.jlaplace.laplace;

import org.jlaplace.laplace.likelihood.Likelihood;
import org.jlaplace.laplace.prior.Prior;

/**
 * Maximises a prepared evidence {@code L(log δ)} over the log prior precisions by gradient
 * ascent. The step length is the Barzilai–Borwein estimate {@code |sᵀs / sᵀy|} of the inverse
 * curvature ({@code s} the last step, {@code y} the change in gradient), shortened until the
 * Armijo condition {@code L(x + t g) ≥ L(x) + 10⁻⁴ t ‖g‖²} holds, so every accepted step
 * increases {@code L}. A step that leaves the numerically valid range (an overflowing value or a
 * failed factorisation) counts as a failed trial and is shortened too.
 */
final class PriorAscent {
    private static final double ARMIJO = 1e-4;

    private PriorAscent() {
    }

    static Prior maximise(PreparedBound<?> bound, Likelihood likelihood, Prior start, PriorOptimization settings) {
        double[] x = start.logPrecisions();
        BoundValue v = bound.evaluate(likelihood, start);
        double f = v.logMarglik();
        double[] g = v.gradLogPrecision();
        double step = 1.0 / Math.max(1.0, maxAbs(g));
        for (int it = 0; it < settings.maxIterations() && maxAbs(g) > settings.gradientTolerance(); it++) {
            double gg = dot(g, g);
            // The longest move of one log δ_k is at most maxStep.
            double t = Math.min(step, settings.maxStep() / maxAbs(g));
            double[] xNew = null;
            BoundValue vNew = null;
            while (t * maxAbs(g) > 1e-15 * (1 + maxAbs(x))) {
                double[] trial = x.clone();
                for (int k = 0; k < trial.length; k++) {
                    trial[k] += t * g[k];
                }
                BoundValue tv = tryEvaluate(bound, likelihood, start.withLogPrecisions(trial));
                if (tv != null && tv.logMarglik() >= f + ARMIJO * t * gg) {
                    xNew = trial;
                    vNew = tv;
                    break;
                }
                t *= 0.5;
            }
            if (xNew == null) {
                break; // no increase found along the gradient: a maximum to working precision
            }
            double[] gNew = vNew.gradLogPrecision();
            double sy = 0.0;
            double ss = 0.0;
            for (int k = 0; k < x.length; k++) {
                double s = xNew[k] - x[k];
                ss += s * s;
                sy += s * (gNew[k] - g[k]);
            }
            // Ascent on a locally concave L has sᵀy < 0; otherwise try a longer step next time.
            step = sy < 0 ? ss / -sy : 2 * t;
            x = xNew;
            f = vNew.logMarglik();
            g = gNew;
        }
        return start.withLogPrecisions(x);
    }

    private static BoundValue tryEvaluate(PreparedBound<?> bound, Likelihood likelihood, Prior prior) {
        try {
            BoundValue v = bound.evaluate(likelihood, prior);
            return Double.isFinite(v.logMarglik()) ? v : null;
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null;
        }
    }

    private static double maxAbs(double[] a) {
        double m = 0.0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
