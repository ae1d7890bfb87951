package org.jlaplace.laplace.bound;

import org.jlaplace.laplace.prior.ParameterGroups;
import org.jlaplace.laplace.prior.Prior;

/** Maps every parameter to the index of the prior precision that governs it. */
public final class HyperIndex {
    private HyperIndex() {
    }

    /** {@code k(p)} for every parameter {@code p} (scalar: 0; layerwise: its group; diagonal: p). */
    public static int[] perParameter(Prior prior, ParameterGroups groups) {
        int[] ofGroup = prior.hyperparameterOfGroup(groups);
        int[] out = new int[groups.totalSize()];
        for (int g = 0; g < groups.count(); g++) {
            for (int p = groups.offset(g); p < groups.offset(g) + groups.size(g); p++) {
                out[p] = ofGroup == null ? p : ofGroup[g];
            }
        }
        return out;
    }

    /** The precisions {@code δ_k} of a prior. */
    public static double[] precisions(Prior prior) {
        double[] l = prior.logPrecisions();
        for (int i = 0; i < l.length; i++) {
            l[i] = Math.exp(l[i]);
        }
        return l;
    }
}
