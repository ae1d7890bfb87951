package org.jlaplace.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The derivative that invariance learning needs: a function of the parameter Jacobian of a small
 * conv net evaluated on affinely warped images, differentiated with respect to the warp. This is
 * reverse-over-reverse through conv2d, average pooling and bilinear grid sampling, checked
 * against central differences in the warp parameters.
 */
class InvarianceGradientTest {
    private static final int H = 4;
    private static final int W = 5;
    private static final int CONV = 2 * 1 * 2 * 2;
    private static final int DENSE = 3 * 2 * 3 * 4;

    /** f(x, p) for p = [conv weight (2,1,2,2) | dense weight (3, 24)]: tanh conv, then linear. */
    private static Var network(Var image, Var params) {
        Var conv = params.slice(0, 0, CONV).reshape(2, 1, 2, 2);
        Var dense = params.slice(0, CONV, CONV + DENSE).reshape(3, 24);
        Var h = image.conv2d(conv, 1, 0).tanh().avgPool2d(1, 1).flatten(1);
        return h.matmul(dense.transpose());
    }

    /** S(θ) = ‖∂f(warp(x, θ), p)/∂p‖²: the squared Frobenius norm of the parameter Jacobian. */
    private static Var jacobianEnergy(Var theta, Tensor image, Tensor params) {
        Function<Var, Var> f = p -> network(Images.affineWarp(Var.of(image), theta), p);
        return AD.jacrev(f, Var.of(params)).square().sum();
    }

    @Test
    void gradientOfAJacobianFunctionalWithRespectToTheWarpMatchesDifferences() {
        SplittableRandom r = new SplittableRandom(11);
        Tensor image = GradCheck.normal(r, 1, 1, H, W);
        Tensor params = GradCheck.normal(r, CONV + DENSE).mul(0.5);
        // A rotation-and-shift whose samples stay ≥ 0.1 pixel from any cell boundary.
        Tensor theta = Tensor.of(new double[] {1.021, 0.325, -0.001, -0.325, 1.006, -0.062}, 1, 2, 3);
        Tensor grad = AD.grad(t -> jacobianEnergy(t, image, params), theta);
        assertTrue(grad.norm2() > 1e-2, "the warp must matter: |dS/dθ|² = " + grad.norm2());
        double h = 1e-5;
        for (int i = 0; i < 6; i++) {
            Tensor e = Tensor.zeros(1, 2, 3);
            e.data()[i] = h;
            double plus = jacobianEnergy(Var.of(theta.add(e)), image, params).item();
            double minus = jacobianEnergy(Var.of(theta.sub(e)), image, params).item();
            double fd = (plus - minus) / (2 * h);
            assertEquals(fd, grad.contiguous().data()[i], 1e-6 * (1 + Math.abs(fd)), "dS/dθ[" + i + "]");
        }
    }
}
