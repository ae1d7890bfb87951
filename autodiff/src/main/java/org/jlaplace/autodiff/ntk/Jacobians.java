package org.jlaplace.autodiff.ntk;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Tensor;

/**
 * Per-example Jacobians of a {@link Sequential} at its current parameters, computed in batched
 * passes: one forward trace and one backward pass of all {@code C} output cotangents for the whole
 * batch (not one pass per example), then every parameter group's block as outer products of layer
 * inputs (or im2col patches) and layer output cotangents.
 */
public final class Jacobians {
    private Jacobians() {
    }

    /**
     * {@code J[n, c, p] = ∂f_c(x_n)/∂θ_p}, shape {@code [M, C, P]}, parameters in PyTorch order.
     * Memory {@code M·C·P} doubles.
     */
    public static Tensor perExample(Sequential model, Tensor x) {
        return assemble(BatchFactors.of(model, x));
    }

    /**
     * Rows {@code a_nrᵀ J_n} for weights {@code a} of shape {@code [M, C, R]}: {@code [M, R, P]}.
     * (With {@code a_n = A_n}, the factor of the output Hessian, these are MATHEMATICS.md §4.2's {@code g_nc}.)
     */
    public static Tensor weighted(Sequential model, Tensor x, Tensor a) {
        return assemble(BatchFactors.of(model, x, a, "Jacobians.weighted"));
    }

    private static Tensor assemble(BatchFactors f) {
        int p = f.model.numParameters();
        double[] j = new double[f.rows * p];
        for (int g = 0; g < f.groups().size(); g++) {
            f.fillJacobian(g, j, f.model.parameterOffset(g), p);
        }
        return Tensor.of(j, f.m, f.r, p);
    }
}
