package org.jlaplace.laplace.curvature;

import org.jlaplace.laplace.JacobianBatch;
import org.jlaplace.laplace.likelihood.Likelihood;

import java.util.ArrayList;
import java.util.List;

/** KFAC (expand) factors of the GGN of a batch, one {@link KronFactors} per Linear/Conv2d layer. */
public final class Kfac {
    private Kfac() {
    }

    /** The factors with the likelihood's Hessian factor (scale included) as output weights. */
    public static List<KronFactors> of(JacobianBatch batch, Likelihood likelihood) {
        double[] a = likelihood.hessianFactor(batch.predictions(), batch.size());
        return ofCaptures(batch.kronCaptures(a, likelihood.outputs()));
    }

    /** The factors of captured layers. */
    public static List<KronFactors> ofCaptures(List<KronCapture> captures) {
        List<KronFactors> out = new ArrayList<>(captures.size());
        for (KronCapture c : captures) {
            out.add(KronFactors.of(c));
        }
        return out;
    }
}
