package org.jlaplace.autodiff.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The optimisers against the update formulas of PyTorch's documentation (the algorithm boxes of
 * torch.optim.SGD, Adam and AdamW), written here in their textbook form on plain arrays.
 */
class OptimizerTest {

    private static final int STEPS = 4;

    /** Random parameter tensors of assorted shapes, and a gradient sequence for each step. */
    private record Problem(List<double[]> x0, List<int[]> shapes, List<List<double[]>> grads) {

        static Problem random(Rng rng) {
            List<int[]> shapes = List.of(new int[] {1 + rng.nextInt(3), 1 + rng.nextInt(4)}, new int[] {1 + rng.nextInt(5)},
                    new int[] {});
            List<double[]> x0 = new ArrayList<>();
            for (int[] s : shapes) {
                x0.add(rng.normal(0, 1, s).toArray());
            }
            List<List<double[]>> grads = new ArrayList<>();
            for (int t = 0; t < STEPS; t++) {
                List<double[]> g = new ArrayList<>();
                for (int[] s : shapes) {
                    g.add(rng.normal(0, 2, s).toArray());
                }
                grads.add(g);
            }
            return new Problem(x0, shapes, grads);
        }

        List<Tensor> parameters() {
            List<Tensor> p = new ArrayList<>();
            for (int k = 0; k < shapes.size(); k++) {
                p.add(Tensor.copyOf(x0.get(k), shapes.get(k)));
            }
            return p;
        }

        List<Tensor> gradients(int t) {
            List<Tensor> g = new ArrayList<>();
            for (int k = 0; k < shapes.size(); k++) {
                g.add(Tensor.copyOf(grads.get(t).get(k), shapes.get(k)));
            }
            return g;
        }
    }

    /** One parameter's reference trajectory: x after each step given its gradient sequence. */
    private interface Reference {
        double[][] run(double[] x0, List<double[]> grads);
    }

    private static void assertMatches(Problem problem, Supplier<Optimizer> optimizer, Reference reference) {
        Optimizer opt = optimizer.get();
        List<Tensor> params = problem.parameters();
        List<double[][]> expected = new ArrayList<>();
        for (int k = 0; k < params.size(); k++) {
            List<double[]> gk = new ArrayList<>();
            for (int t = 0; t < STEPS; t++) {
                gk.add(problem.grads.get(t).get(k));
            }
            expected.add(reference.run(problem.x0.get(k).clone(), gk));
        }
        for (int t = 0; t < STEPS; t++) {
            opt.step(params, problem.gradients(t));
            assertEquals(t + 1, opt.steps());
            for (int k = 0; k < params.size(); k++) {
                double[] got = params.get(k).toArray();
                double[] want = expected.get(k)[t];
                for (int i = 0; i < got.length; i++) {
                    assertEquals(want[i], got[i], 1e-12 * (1 + Math.abs(want[i])),
                            "step " + (t + 1) + ", parameter " + k + ", entry " + i);
                }
            }
        }
    }

    /** PyTorch SGD documentation, algorithm box. */
    private static Reference sgdReference(double lr, double mu, double tau, double lambda, boolean nesterov) {
        return (x, grads) -> {
            double[][] out = new double[grads.size()][];
            double[] b = null;
            for (int t = 0; t < grads.size(); t++) {
                double[] g = grads.get(t).clone();
                for (int i = 0; i < g.length; i++) {
                    g[i] += lambda * x[i];
                }
                if (mu != 0) {
                    if (b == null) {
                        b = g.clone();
                    } else {
                        for (int i = 0; i < g.length; i++) {
                            b[i] = mu * b[i] + (1 - tau) * g[i];
                        }
                    }
                    for (int i = 0; i < g.length; i++) {
                        g[i] = nesterov ? g[i] + mu * b[i] : b[i];
                    }
                }
                for (int i = 0; i < g.length; i++) {
                    x[i] = x[i] - lr * g[i];
                }
                out[t] = x.clone();
            }
            return out;
        };
    }

    /** PyTorch Adam / AdamW documentation, algorithm boxes (bias-corrected m̂, v̂). */
    private static Reference adamReference(double lr, double b1, double b2, double eps, double lambda, boolean decoupled) {
        return (x, grads) -> {
            double[][] out = new double[grads.size()][];
            double[] m = new double[x.length];
            double[] v = new double[x.length];
            for (int t = 1; t <= grads.size(); t++) {
                double[] g = grads.get(t - 1).clone();
                for (int i = 0; i < x.length; i++) {
                    if (decoupled) {
                        x[i] = x[i] - lr * lambda * x[i];
                    } else {
                        g[i] = g[i] + lambda * x[i];
                    }
                    m[i] = b1 * m[i] + (1 - b1) * g[i];
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    double vHat = v[i] / (1 - Math.pow(b2, t));
                    x[i] = x[i] - lr * mHat / (Math.sqrt(vHat) + eps);
                }
                out[t - 1] = x.clone();
            }
            return out;
        };
    }

    @Test
    void sgdMatchesPyTorchFormulas() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Rng rng = new Rng(seed);
            Problem problem = Problem.random(rng);
            double lr = 0.01 + rng.nextDouble();
            double mu = rng.nextInt(3) == 0 ? 0 : rng.nextDouble();
            boolean nesterov = mu > 0 && rng.nextInt(2) == 0;
            double tau = nesterov ? 0 : rng.nextDouble();
            double lambda = rng.nextInt(2) == 0 ? 0 : rng.nextDouble();
            assertMatches(problem, () -> new Sgd(LearningRateSchedule.constant(lr), mu, tau, lambda, nesterov),
                    sgdReference(lr, mu, tau, lambda, nesterov));
        });
    }

    @Test
    void adamMatchesPyTorchFormulas() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Rng rng = new Rng(seed);
            Problem problem = Problem.random(rng);
            double lr = 0.001 + 0.1 * rng.nextDouble();
            double b1 = 0.5 + 0.49 * rng.nextDouble();
            double b2 = 0.9 + 0.0999 * rng.nextDouble();
            double eps = Math.pow(10, -2 - 6 * rng.nextDouble());
            double lambda = rng.nextInt(2) == 0 ? 0 : rng.nextDouble();
            assertMatches(problem, () -> new Adam(LearningRateSchedule.constant(lr), b1, b2, eps, lambda),
                    adamReference(lr, b1, b2, eps, lambda, false));
            assertMatches(problem, () -> new AdamW(LearningRateSchedule.constant(lr), b1, b2, eps, lambda),
                    adamReference(lr, b1, b2, eps, lambda, true));
        });
    }

    @Test
    void adamFirstStepMovesByTheLearningRateTimesTheSign() {
        Tensor x = Tensor.copyOf(new double[] {1, -2, 3}, 3);
        new Adam(0.1).step(List.of(x), List.of(Tensor.copyOf(new double[] {5, -0.5, 1e-3}, 3)));
        // m̂ = g and v̂ = g² after one step, so the move is η·g/(|g| + ε).
        assertArrayEquals(new double[] {1 - 0.1 * 5 / (5 + 1e-8), -2 + 0.1 * 0.5 / (0.5 + 1e-8), 3 - 0.1 * 1e-3 / (1e-3 + 1e-8)},
                x.toArray(), 1e-15);
    }

    @Test
    void adamWDecaysParametersEvenWithZeroGradient() {
        Tensor x = Tensor.copyOf(new double[] {2, -4}, 2);
        new AdamW(LearningRateSchedule.constant(0.1), 0.9, 0.999, 1e-8, 0.5).step(List.of(x), List.of(Tensor.zeros(2)));
        assertArrayEquals(new double[] {2 * 0.95, -4 * 0.95}, x.toArray(), 1e-15);
        Tensor y = Tensor.copyOf(new double[] {2, -4}, 2);
        new Adam(LearningRateSchedule.constant(0.1), 0.9, 0.999, 1e-8, 0.5).step(List.of(y), List.of(Tensor.zeros(2)));
        // Adam's L2 term turns into a gradient λx, so the first step moves by η·sign(x).
        assertArrayEquals(new double[] {2 - 0.1, -4 + 0.1}, y.toArray(), 1e-7);
    }

    /** f(x) = ½ (x − c)ᵀ A (x − c) with A = BᵀB + I, gradient A (x − c). */
    @Test
    void adamMinimisesAConvexQuadratic() {
        int n = 6;
        Rng rng = new Rng(42);
        Tensor b = rng.normal(0, 1, n, n);
        Tensor a = b.transpose().matmul(b).add(Tensor.eye(n));
        Tensor c = rng.normal(0, 3, n);
        Tensor x = Tensor.zeros(n);
        double initial = quadratic(a, c, x);
        Optimizer adam = new Adam(new CosineSchedule(0.1, 3000, 0));
        for (int t = 0; t < 3000; t++) {
            Tensor grad = a.matmul(x.sub(c));
            adam.step(List.of(x), List.of(grad));
        }
        double last = quadratic(a, c, x);
        assertTrue(last < 1e-8 * initial, "f went from " + initial + " to " + last);
        assertTrue(x.maxAbsDiff(c) < 1e-3, "distance to the minimiser " + x.maxAbsDiff(c));
    }

    private static double quadratic(Tensor a, Tensor c, Tensor x) {
        Tensor d = x.sub(c);
        return 0.5 * d.dot(a.matmul(d));
    }

    @Test
    void sgdWithMomentumMinimisesAConvexQuadratic() {
        Tensor x = Tensor.copyOf(new double[] {3, -1}, 2);
        Optimizer sgd = new Sgd(0.05, 0.9, true);
        for (int t = 0; t < 500; t++) {
            Tensor grad = Tensor.copyOf(new double[] {2 * (x.get(0) - 1), 8 * (x.get(1) + 2)}, 2);
            sgd.step(List.of(x), List.of(grad));
        }
        assertArrayEquals(new double[] {1, -2}, x.toArray(), 1e-9);
    }

    @Test
    void stepsFollowTheSchedule() {
        Tensor x = Tensor.zeros(1);
        Optimizer sgd = new Sgd(new ExponentialSchedule(1.0, 0.5), 0, 0, 0, false);
        double expected = 0;
        for (int t = 0; t < 5; t++) {
            assertEquals(Math.pow(0.5, t), sgd.learningRate());
            sgd.step(List.of(x), List.of(Tensor.ones(1)));
            expected -= Math.pow(0.5, t);
            assertEquals(expected, x.item(), 1e-15);
        }
    }

    @Test
    void updatesViewsInPlace() {
        double[] storage = {1, 2, 3, 4, 5, 6};
        Tensor base = Tensor.of(storage, 2, 3);
        Tensor view = base.transpose();
        Tensor grad = Tensor.copyOf(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        new Sgd(0.5).step(List.of(view), List.of(grad));
        // view[i][j] = base[j][i] -= 0.5·grad[i][j]
        assertArrayEquals(new double[] {1 - 0.5, 2 - 1.5, 3 - 2.5, 4 - 1, 5 - 2, 6 - 3}, storage);
    }

    @Test
    void stepsNetworkParameters() {
        Sequential model = new Sequential(new int[] {3}, new Linear(3, 2, true));
        double[] before = model.flatParameters().toArray();
        List<Tensor> grads = new ArrayList<>();
        model.parameters().forEach(p -> grads.add(Tensor.ones(p.shape())));
        new Sgd(0.25).stepParameters(model.parameters(), grads);
        double[] after = model.flatParameters().toArray();
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i] - 0.25, after[i], 1e-15);
        }
    }

    @Test
    void rejectsBadInput() {
        Tensor x = Tensor.zeros(2);
        Optimizer opt = new Adam(0.1);
        assertMessage(() -> opt.step(List.of(x), List.of()), "Adam.step: 1 parameters but 0 gradients");
        assertMessage(() -> opt.step(List.of(x), List.of(Tensor.zeros(3))), "parameter 0 has shape [2] but its gradient has shape [3]");
        assertMessage(() -> opt.step(List.of(x), List.of(Tensor.copyOf(new double[] {0, Double.NaN}, 2))),
                "gradient 0 holds NaN at flat index 1");
        assertArrayEquals(new double[] {0, 0}, x.toArray(), "nothing changed by rejected steps");
        opt.step(List.of(x), List.of(Tensor.ones(2)));
        assertMessage(() -> opt.step(List.of(Tensor.zeros(3)), List.of(Tensor.ones(3))), "had shape [2] in earlier steps");
        assertMessage(() -> opt.step(List.of(x, x), List.of(Tensor.ones(2), Tensor.ones(2))), "holds 1 parameters but 2");
        assertMessage(() -> new Sgd(LearningRateSchedule.constant(0.1), 0, 0, 0, true), "Nesterov momentum needs momentum > 0");
        assertMessage(() -> new Sgd(LearningRateSchedule.constant(0.1), 0.9, 0.1, 0, true), "zero dampening");
        assertMessage(() -> new Adam(LearningRateSchedule.constant(0.1), 1.0, 0.999, 1e-8, 0), "beta1 must lie in [0.0, 1.0)");
        assertMessage(() -> new AdamW(LearningRateSchedule.constant(0.1), 0.9, 0.999, 0, 0), "eps must be finite and > 0");
        assertMessage(() -> new Sgd(-1), "rate must be finite and ≥ 0, got -1.0");
    }

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), () -> e.getMessage() + " should mention " + fragment);
    }

    /** A snapshot restored into a fresh optimiser continues the run bit for bit (schedule position included). */
    @Test
    void aRestoredSnapshotContinuesExactly() {
        Supplier<List<StatefulOptimizer>> fresh = () -> List.of(
                new Adam(new CosineSchedule(0.1, 10, 0.001)), new Sgd(new ExponentialSchedule(0.05, 0.9), 0.9, 0, 0, false));
        for (int kind = 0; kind < 2; kind++) {
            StatefulOptimizer straight = fresh.get().get(kind);
            StatefulOptimizer first = fresh.get().get(kind);
            Tensor x = Tensor.of(new double[] {1, -2, 0.5, 3}, 2, 2);
            Tensor y = Tensor.of(new double[] {1, -2, 0.5, 3}, 2, 2);
            for (int t = 0; t < 4; t++) {
                straight.step(List.of(x), List.of(x.mul(2.0).add(0.1 * t)));
                first.step(List.of(y), List.of(y.mul(2.0).add(0.1 * t)));
            }
            StatefulOptimizer resumed = fresh.get().get(kind);
            resumed.restore(first.snapshot());
            assertEquals(4, resumed.steps());
            for (int t = 4; t < 10; t++) {
                straight.step(List.of(x), List.of(x.mul(2.0).add(0.1 * t)));
                resumed.step(List.of(y), List.of(y.mul(2.0).add(0.1 * t)));
            }
            assertArrayEquals(x.toArray(), y.toArray(), 0.0);
            assertEquals(straight.learningRate(), resumed.learningRate(), 0.0);
        }
        Adam adam = new Adam(0.1);
        OptimizerSnapshot sgdState = new OptimizerSnapshot(3, List.of(new int[] {2}), List.<double[][]>of(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> adam.restore(sgdState), "Adam keeps two arrays per parameter");
    }
}
