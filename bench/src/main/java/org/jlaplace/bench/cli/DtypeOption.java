package org.jlaplace.bench.cli;

import org.jlaplace.autodiff.nn.Dtype;
import picocli.CommandLine.Option;

/**
 * {@code --dtype float32|float64}: the float type of the network's passes (forward, backward, the
 * pullbacks that give the Jacobian factors) and, when training, of the optimiser steps. The Laplace
 * algebra is float64 whichever is chosen. Float64 is the default so that results compare exactly
 * with reference implementations.
 */
final class DtypeOption {
    @Option(names = "--dtype", defaultValue = "float64", paramLabel = "float32|float64",
            description = "Float type of the network's passes (forward, backward, Jacobian factors) and of training's"
                    + " optimiser steps; the Laplace algebra (kernels, Cholesky, log-det, gradients) is float64 either"
                    + " way (default: ${DEFAULT-VALUE}).")
    String name;

    /**
     * The checked value.
     *
     * @throws BadInputException naming {@code --dtype} for any other value
     */
    Dtype dtype() {
        try {
            return Dtype.parse(name);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--dtype '" + name + "' is not one of float32, float64");
        }
    }
}
