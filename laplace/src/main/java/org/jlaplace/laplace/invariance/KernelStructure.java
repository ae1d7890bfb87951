package org.jlaplace.laplace.invariance;

/**
 * Which function-space kernel the augmented bound factorises (both are certified lower bounds on
 * the marginal likelihood, MATHEMATICS.md §4).
 */
public enum KernelStructure {
    /** The kernel partition bound (MATHEMATICS.md §4.1): one {@code MC×MC} Cholesky per batch. */
    FULL("kernel"),
    /**
     * The output-wise bound (MATHEMATICS.md §4.2): {@code C} blocks of {@code M×M}, about {@code C} times
     * cheaper to build and {@code C²} times cheaper to factorise; a looser bound.
     */
    OUTPUTWISE("outputwise");

    private final String estimatorName;

    KernelStructure(String estimatorName) {
        this.estimatorName = estimatorName;
    }

    /** The name of the matching estimator of the laplace module ({@code kernel}, {@code outputwise}). */
    public String estimatorName() {
        return estimatorName;
    }
}
