/**
 * jlaplace laplace: the linearised Laplace approximation of a network — likelihoods, priors, the
 * exact marginal likelihood and its bounds and estimators with hyper-gradients, curvature, the
 * predictive, and invariance learning. Dense helpers ({@code org.jlaplace.laplace.internal}) are
 * not exported.
 */
module org.jlaplace.laplace {
    requires transitive org.jlaplace.autodiff;

    exports org.jlaplace.laplace;
    exports org.jlaplace.laplace.bound;
    exports org.jlaplace.laplace.curvature;
    exports org.jlaplace.laplace.invariance;
    exports org.jlaplace.laplace.likelihood;
    exports org.jlaplace.laplace.marglik;
    exports org.jlaplace.laplace.partition;
    exports org.jlaplace.laplace.predictive;
    exports org.jlaplace.laplace.prior;
}
