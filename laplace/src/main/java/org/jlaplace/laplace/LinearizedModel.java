package org.jlaplace.laplace;

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

    /** The batch of the data at the given indices (in that order). */
    JacobianBatch batch(int[] indices);
}
