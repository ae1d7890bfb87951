package org.jlaplace.laplace;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * A trained model at its MAP parameters {@code θ*} on a fixed data set of {@code N} inputs: the
 * source of every batch's Jacobian quantities.
 */
public interface LinearizedModel {

    /** Number of data {@code N}. */
    int dataSize();

    /** Number of outputs {@code C}. */
    int outputs();

    /** Parameter groups in model order. */
    ParameterGroups groups();

    /** The flat MAP parameters {@code θ*} (length {@code P}). */
    double[] parameters();

    /**
     * {@code ‖θ*_g‖²} for every parameter group {@code g}: all that a prior constant on each group
     * needs of {@code θ*}. The default sums over {@link #parameters()}; models holding their
     * parameters per group override it to skip the flat copy.
     */
    default double[] groupSquaredNorms() {
        double[] theta = parameters();
        ParameterGroups g = groups();
        double[] out = new double[g.count()];
        for (int k = 0; k < out.length; k++) {
            out[k] = KernelProvider.get().sumOfSquares(theta, g.offset(k), g.size(k));
        }
        return out;
    }

    /** The batch of the data at the given indices (in that order). */
    JacobianBatch batch(int[] indices);
}
