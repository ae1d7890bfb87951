package org.jlaplace.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/** Properties of the transformations in {@link AD}: agreement between modes, nesting, arity. */
class FunctionalApiTest {

    /**
     * A random smooth composition {@code R^n → R^m}: a chain of affine maps and smooth
     * elementwise functions, with a skip connection, built from the seed.
     */
    private static Function<Var, Var> randomComposition(SplittableRandom r, int n, int m) {
        int hidden = 1 + r.nextInt(4);
        Tensor w1 = GradCheck.normal(r, hidden, n);
        Tensor b1 = GradCheck.normal(r, hidden);
        Tensor w2 = GradCheck.normal(r, m, hidden);
        int first = r.nextInt(4);
        int second = r.nextInt(3);
        return x -> {
            Var h = Var.of(w1).matmul(x).add(Var.of(b1));
            switch (first) {
                case 0: h = h.tanh(); break;
                case 1: h = h.sigmoid().mul(h); break;
                case 2: h = h.mul(0.3).exp(); break;
                default: h = h.square().add(1.0).log();
            }
            Var y = Var.of(w2).matmul(h);
            switch (second) {
                case 0: return y.add(x.sum().mul(x.sum()));
                case 1: return y.softmax(0);
                default: return y.mul(x.slice(0, 0, 1).broadcastTo(m)).erf();
            }
        };
    }

    private static Tensor finiteDifferenceJacobian(Function<Var, Var> f, Tensor x) {
        int n = x.size();
        Tensor y = f.apply(Var.of(x)).value();
        int m = y.size();
        double[] jac = new double[m * n];
        for (int j = 0; j < n; j++) {
            Tensor e = Tensor.zeros(x.shape());
            e.data()[j] = GradCheck.H;
            double[] plus = f.apply(Var.of(x.add(e))).value().contiguous().data();
            double[] minus = f.apply(Var.of(x.sub(e))).value().contiguous().data();
            for (int i = 0; i < m; i++) {
                jac[i * n + j] = (plus[i] - minus[i]) / (2 * GradCheck.H);
            }
        }
        return Tensor.of(jac, m, n);
    }

    @Test
    void jacfwdEqualsJacrevAndFiniteDifferencesOnRandomCompositions() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(4);
            int m = 1 + r.nextInt(4);
            Function<Var, Var> f = randomComposition(r, n, m);
            Tensor x = GradCheck.normal(r, n);
            Tensor fwd = AD.jacfwd(f, x);
            Tensor rev = AD.jacrev(f, x);
            assertEquals(m, fwd.dim(0));
            assertEquals(n, fwd.dim(1));
            GradCheck.assertClose(fwd, rev, 1e-12, "jacfwd vs jacrev");
            GradCheck.assertClose(finiteDifferenceJacobian(f, x), fwd, 1e-6, "jacfwd vs differences");
        });
    }

    @Test
    void hessianIsSymmetricAndEqualsReverseOverReverseJacobianOfGradient() {
        qt().withExamples(25).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(4);
            Function<Var, Var> g = randomComposition(r, n, 1 + r.nextInt(3));
            Tensor u = GradCheck.normal(r, g.apply(Var.of(Tensor.zeros(n))).shape());
            Function<Var, Var> f = x -> g.apply(x).dot(Var.of(u));
            Tensor x = GradCheck.normal(r, n);
            Tensor h = AD.hessian(f, x);
            GradCheck.assertClose(h, h.transpose().contiguous(), 1e-10, "hessian symmetry");
            GradCheck.assertClose(h, AD.jacrev(AD.grad(f), x), 1e-10, "jacfwd(grad) vs jacrev(grad)");
            GradCheck.assertClose(finiteDifferenceJacobian(AD.grad(f), x), h, 1e-5, "hessian vs differences");
            Tensor v = GradCheck.normal(r, n);
            GradCheck.assertClose(h.matmul(v), AD.hvp(f, x, v), 1e-10, "hvp vs hessian · v");
        });
    }

    @Test
    void allFourModeCombinationsGiveTheSameSecondDerivatives() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(4);
            Function<Var, Var> g = randomComposition(r, n, 2);
            Tensor u = GradCheck.normal(r, 2);
            Function<Var, Var> f = x -> g.apply(x).dot(Var.of(u));
            Var x = Var.of(GradCheck.normal(r, n));
            Var v = Var.of(GradCheck.normal(r, n));
            Var w = Var.of(GradCheck.normal(r, n));
            Tensor fwdOverRev = AD.hvp(f, x, v).value();
            // reverse over forward: ∇ₓ (J(x) v) = H v
            Tensor revOverFwd = AD.grad(y -> AD.jvp(f, y, v).tangent(), x).value();
            // reverse over reverse: ∇ₓ ⟨∇f(x), v⟩ = H v
            Tensor revOverRev = AD.grad(y -> AD.grad(f, y).dot(v), x).value();
            // forward over forward: wᵀ H v
            double fwdOverFwd = AD.jvp(y -> AD.jvp(f, y, v).tangent(), x, w).tangent().item();
            GradCheck.assertClose(fwdOverRev, revOverFwd, 1e-11, "reverse-over-forward");
            GradCheck.assertClose(fwdOverRev, revOverRev, 1e-11, "reverse-over-reverse");
            assertEquals(w.value().dot(fwdOverRev), fwdOverFwd, 1e-10 * (1 + Math.abs(fwdOverFwd)), "forward-over-forward");
        });
    }

    @Test
    void nestedDerivativesDoNotConfusePerturbations() {
        qt().withExamples(20).forAll(doubles().between(-3, 3), doubles().between(-3, 3)).checkAssert((x0, y0) -> {
            Var y = Var.scalar(y0);
            // d/dx [x · d/dy (x + y)] = 1, in every combination of modes.
            Function<Var, Var> innerRev = x -> x.mul(AD.grad(yy -> x.add(yy), y));
            Function<Var, Var> innerFwd = x -> x.mul(AD.jvp(yy -> x.add(yy), y, Var.scalar(1.0)).tangent());
            for (Function<Var, Var> f : java.util.List.of(innerRev, innerFwd)) {
                assertEquals(1.0, AD.grad(f, Var.scalar(x0)).item(), 1e-12, "reverse outer");
                assertEquals(1.0, AD.jvp(f, Var.scalar(x0), Var.scalar(1.0)).tangent().item(), 1e-12, "forward outer");
            }
            // d/dx [x · d/dy (x · y)] = 2x: the inner derivative depends on x through the closure.
            Function<Var, Var> g = x -> x.mul(AD.grad(yy -> x.mul(yy), y));
            assertEquals(2 * x0, AD.grad(g, Var.scalar(x0)).item(), 1e-12);
        });
    }

    @Test
    void repeatedGradGivesHigherDerivatives() {
        qt().withExamples(20).forAll(doubles().between(-2, 2)).checkAssert(x0 -> {
            Function<Var, Var> f = x -> x.mul(2.0).exp().add(x.pow(3.0));
            Var x = Var.scalar(x0);
            double e = Math.exp(2 * x0);
            assertEquals(2 * e + 3 * x0 * x0, AD.grad(f).apply(x).item(), 1e-10 * (1 + e));
            assertEquals(4 * e + 6 * x0, AD.grad(AD.grad(f)).apply(x).item(), 1e-10 * (1 + e));
            assertEquals(8 * e + 6, AD.grad(AD.grad(AD.grad(f))).apply(x).item(), 1e-10 * (1 + e));
        });
    }

    @Test
    void gradientsWithRespectToParametersAndInputs() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int m = 1 + r.nextInt(4);
            int n = 1 + r.nextInt(4);
            Tensor w = GradCheck.normal(r, m, n);
            Tensor x = GradCheck.normal(r, n);
            // f(W, x) = Σ tanh(W x): ∂f/∂W = (1 − t²) xᵀ, ∂f/∂x = Wᵀ (1 − t²) with t = tanh(W x).
            ValueAndGrads vg = AD.valueAndGrad(as -> as[0].matmul(as[1]).tanh().sum(),
                new Var[] {Var.of(w), Var.of(x)});
            Tensor t = w.matmul(x).tanh();
            Tensor s = t.mul(t).neg().add(1.0);
            assertEquals(t.sum(), vg.value().item(), 1e-12);
            GradCheck.assertClose(s.outer(x), vg.grads()[0].value(), 1e-12, "dW");
            GradCheck.assertClose(w.transpose().matmul(s), vg.grads()[1].value(), 1e-12, "dx");
            Tensor[] viaTensors = AD.grad(as -> as[0].matmul(as[1]).tanh().sum(), new Tensor[] {w, x});
            GradCheck.assertClose(s.outer(x), viaTensors[0], 1e-12, "dW on tensors");
        });
    }

    @Test
    void linearizeReusesTheGraphAndAgreesWithJvp() {
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Function<Var, Var> f = randomComposition(r, 3, 2);
            Var x = Var.of(GradCheck.normal(r, 3));
            Linearization lin = AD.linearize(f, x);
            for (int k = 0; k < 3; k++) {
                Var v = Var.of(GradCheck.normal(r, 3));
                GradCheck.assertClose(AD.jvp(f, x, v).tangent().value(), lin.pushforward(v).value(), 1e-14,
                    "linearize vs jvp");
            }
            GradCheck.assertClose(f.apply(x).value(), lin.value().value(), 0, "value");
        });
    }

    @Test
    void lowLevelGradientsOnVariablesWithAndWithoutGraph() {
        Var a = Var.variable(Tensor.of(new double[] {1.5, -0.5}, 2));
        Var b = Var.variable(Tensor.scalar(2.0));
        Var loss = a.mul(b).exp().sum();
        Var[] g = AD.gradients(loss, a, b);
        assertFalse(g[0].isTracked(), "a first-order gradient at top level records no graph");
        double e0 = Math.exp(3.0);
        double e1 = Math.exp(-1.0);
        assertEquals(2 * e0, g[0].value().get(0), 1e-12);
        assertEquals(1.5 * e0 - 0.5 * e1, g[1].item(), 1e-12);
        Var[] withGraph = AD.gradients(loss, true, b);
        assertTrue(withGraph[0].isTracked());
        // d²/db² Σ exp(a b) = Σ a² exp(a b)
        Var second = AD.gradients(withGraph[0], b)[0];
        assertEquals(2.25 * e0 + 0.25 * e1, second.item(), 1e-12);
    }

    @Test
    void badInputsAreRejectedWithNamedShapes() {
        Var x = Var.of(Tensor.ones(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AD.grad(v -> v.exp(), x));
        assertTrue(e.getMessage().contains("grad") && e.getMessage().contains("[3]"), e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
            () -> AD.jvp(Var::exp, x, Var.of(Tensor.ones(2))));
        assertTrue(t.getMessage().contains("jvp") && t.getMessage().contains("[2]"), t.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> x.reshape(2, 2));
        assertTrue(r.getMessage().contains("reshape"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.sum(1));
        assertThrows(IllegalArgumentException.class, () -> x.indexSelect(0, new int[] {3}));
    }
}
