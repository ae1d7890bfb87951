package org.jlaplace.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jlaplace.autodiff.primitives.Convolution;
import org.jlaplace.autodiff.primitives.PowScalar;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/** Degenerate graphs and invalid arguments. */
class EdgeCasesTest {
    private final Tensor x = Tensor.of(new double[] {0.5, -1.0, 2.0}, 3);

    @Test
    void functionsThatIgnoreTheirArgumentHaveZeroDerivatives() {
        Tensor g = AD.grad(v -> Var.scalar(3.0), x);
        GradCheck.assertClose(Tensor.zeros(3), g, 0, "grad of a constant");
        Tensor j = AD.jacfwd(v -> Var.of(Tensor.ones(2)), x);
        GradCheck.assertClose(Tensor.zeros(2, 3), j, 0, "jacfwd of a constant");
        GradCheck.assertClose(Tensor.zeros(2, 3), AD.jacrev(v -> Var.of(Tensor.ones(2)), x), 0, "jacrev of a constant");
    }

    @Test
    void theIdentityFunctionHasTheIdentityJacobian() {
        GradCheck.assertClose(Tensor.eye(3), AD.jacrev(v -> v, x), 0, "jacrev(id)");
        GradCheck.assertClose(Tensor.eye(3), AD.jacfwd(v -> v, x), 0, "jacfwd(id)");
    }

    @Test
    void anArgumentUsedSeveralTimesAccumulatesItsCotangents() {
        // f(x) = Σ x·x + Σ x  ⇒  ∇f = 2x + 1
        Tensor g = AD.grad(v -> v.mul(v).sum().add(v.sum()), x);
        GradCheck.assertClose(x.mul(2.0).add(1.0), g, 1e-15, "accumulated gradient");
        Var[] two = AD.grad(as -> as[0].mul(as[1]).sum(), new Var[] {Var.of(x), Var.of(x)});
        GradCheck.assertClose(x, two[0].value(), 0, "first of two equal arguments");
        GradCheck.assertClose(x, two[1].value(), 0, "second of two equal arguments");
    }

    @Test
    void constantsStayUntrackedSoThePlainForwardPassRecordsNothing() {
        Var y = Var.of(x).exp().mul(Var.of(x)).sum();
        assertFalse(y.isTracked());
        assertEquals(0.5 * Math.exp(0.5) - Math.exp(-1.0) + 2 * Math.exp(2.0), y.item(), 1e-12);
        Var v = Var.variable(x);
        assertTrue(v.exp().isTracked());
        assertFalse(v.exp().detach().isTracked());
        assertEquals(0.0, AD.grad(w -> w.exp().detach().sum(), x).sum(), 0.0);
    }

    @Test
    void transformationsRunConcurrentlyOnSeveralThreads() {
        java.util.function.Function<Var, Var> f = v -> v.tanh().mul(v).sum();
        java.util.List<Tensor> inputs = new java.util.ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 64; i++) {
            inputs.add(GradCheck.normal(r, 5));
        }
        java.util.List<Tensor> sequential = inputs.stream().map(t -> AD.hessian(f, t)).toList();
        java.util.List<Tensor> parallel = inputs.parallelStream().map(t -> AD.hessian(f, t)).toList();
        for (int i = 0; i < inputs.size(); i++) {
            GradCheck.assertClose(sequential.get(i), parallel.get(i), 0, "hessian " + i);
        }
    }

    @Test
    void invalidPrimitiveParametersAreRejectedWithTheirValues() {
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> new Convolution(0, 1));
        assertTrue(c.getMessage().contains("conv2d") && c.getMessage().contains("stride 0"), c.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> new PowScalar(Double.NaN));
        assertTrue(p.getMessage().contains("NaN"), p.getMessage());
        Var m = Var.of(Tensor.zeros(2, 3));
        assertThrows(IllegalArgumentException.class, () -> m.matmul(Var.of(Tensor.zeros(2, 3))));
        assertThrows(IllegalArgumentException.class, () -> m.slice(1, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> m.permute(0, 0));
        assertThrows(IllegalArgumentException.class, () -> m.squeeze(0));
        assertThrows(IllegalArgumentException.class, () -> m.sumTo(4));
        assertThrows(IllegalArgumentException.class, () -> AD.vjp(Var::exp, m).pullback(Var.of(Tensor.zeros(3, 2))));
    }
}
