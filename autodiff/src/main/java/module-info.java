/**
 * jlaplace autodiff: reverse- and forward-mode differentiation of {@code Var} graphs over the
 * primitives, neural-network layers and {@code Sequential} models with their batched fast path,
 * Jacobians and NTKs, optimisers, augmentations and the model.json/safetensors formats.
 */
module org.jlaplace.autodiff {
    requires transitive org.jlaplace.core;

    exports org.jlaplace.autodiff;
    exports org.jlaplace.autodiff.augment;
    exports org.jlaplace.autodiff.io;
    exports org.jlaplace.autodiff.io.json;
    exports org.jlaplace.autodiff.nn;
    exports org.jlaplace.autodiff.ntk;
    exports org.jlaplace.autodiff.optim;
    exports org.jlaplace.autodiff.primitives;
}
