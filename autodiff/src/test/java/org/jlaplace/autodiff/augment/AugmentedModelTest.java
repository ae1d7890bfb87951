package org.jlaplace.autodiff.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jlaplace.autodiff.AD;
import org.jlaplace.autodiff.Var;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.MaxPool2d;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The augmented model: its per-example Jacobians against finite differences in the parameters
 * (MLPs and CNNs, with and without padding and pooling), the fast parameter pullback against the
 * graph gradient, and the Jacobians' derivative in η against differences.
 */
class AugmentedModelTest {

    private static AugmentedModel randomModel(SplittableRandom r) {
        Rng init = new Rng(r.nextLong());
        Sequential net;
        switch (r.nextInt(3)) {
            case 0:
                net = new Sequential(init, new int[] {30}, new Linear(30, 3), Activation.tanh(), new Linear(3, 2));
                break;
            case 1:
                net = new Sequential(init, new int[] {1, 5, 6}, new Conv2d(1, 2, 3, 1, 1, true), Activation.tanh(),
                    new Flatten(), new Linear(60, 2));
                break;
            default:
                net = new Sequential(init, new int[] {1, 5, 6}, new Conv2d(1, 2, 2, 1, 0, false), Activation.sigmoid(),
                    new MaxPool2d(2, 2), new Flatten(), new Linear(8, 3, false));
        }
        List<AffineGenerator> gens = r.nextBoolean() ? List.of(AffineGenerator.ROTATION)
            : List.of(AffineGenerator.SCALE, AffineGenerator.TRANSLATION_Y);
        return new AugmentedModel(net, new AffineAugmentation(gens, 1 + r.nextInt(3)), new int[] {1, 5, 6});
    }

    private static Tensor inputs(SplittableRandom r, int m) {
        double[] d = new double[m * 30];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble();
        }
        return Tensor.of(d, m, 30);
    }

    private static Tensor eta(SplittableRandom r, int k) {
        double[] e = new double[k];
        for (int i = 0; i < k; i++) {
            e[i] = 0.1 + 0.4 * r.nextDouble();
        }
        return Tensor.of(e, k);
    }

    @Test
    void jacobianMatchesFiniteDifferencesInTheParameters() {
        qt().withExamples(6).withFixedSeed(77L).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            AugmentedModel model = randomModel(r);
            int m = 1 + r.nextInt(3);
            Tensor x = inputs(r, m);
            Tensor eta = eta(r, model.augmentation().size());
            Tensor noise = model.augmentation().sampleNoise(new Rng(seed), m);
            Tensor jac = AugmentedJacobians.of(model, Var.of(x), Var.of(eta), noise).jacobian().value();
            Sequential net = model.network();
            Tensor theta = net.flatParameters();
            double[][] fd = Differences.jacobian(t -> {
                net.setFlatParameters(t);
                return model.predict(x, eta, noise);
            }, theta, 1e-6);
            net.setFlatParameters(theta);
            int p = theta.size();
            double[] expected = new double[fd.length * p];
            for (int row = 0; row < fd.length; row++) {
                System.arraycopy(fd[row], 0, expected, row * p, p);
            }
            assertArrayEquals(new int[] {m, net.outputSize(), p}, jac.shape());
            assertTrue(Differences.relativeError(jac.toArray(), expected) < 1e-7, "J̄ against differences: " + net + " error " + Differences.relativeError(jac.toArray(), expected));
        });
    }

    @Test
    void fastParameterGradientEqualsTheGraphGradient() {
        qt().withExamples(8).withFixedSeed(78L).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            AugmentedModel model = randomModel(r);
            int m = 1 + r.nextInt(3);
            Tensor x = inputs(r, m);
            Tensor eta = eta(r, model.augmentation().size());
            Tensor noise = model.augmentation().sampleNoise(new Rng(seed), m);
            AugmentedModel.Pass pass = model.pass(x, eta, noise);
            Tensor u = Tensor.of(inputs(r, 1).toArray(), 30).slice(0, 0, m * model.network().outputSize())
                .reshape(m, model.network().outputSize());
            List<Tensor> fast = pass.parameterGradients(u);
            List<Var> consts = model.network().parameterConstants();
            Var[] graph = AD.grad(ps -> {
                List<Var> list = new ArrayList<>(List.of(ps));
                return model.forward(Var.of(x), Var.of(eta), noise, list).mul(Var.of(u)).sum();
            }, consts.toArray(new Var[0]));
            assertTrue(pass.output().allClose(model.predict(x, eta, noise), 1e-12, 1e-12));
            for (int k = 0; k < fast.size(); k++) {
                assertTrue(fast.get(k).allClose(graph[k].value(), 1e-10, 1e-12), "parameter " + k);
            }
        });
    }

    @Test
    void jacobianIsDifferentiableInTheExtents() {
        qt().withExamples(5).withFixedSeed(79L).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            AugmentedModel model = randomModel(r);
            Tensor x = inputs(r, 2);
            Tensor eta = eta(r, model.augmentation().size());
            Tensor noise = model.augmentation().sampleNoise(new Rng(seed), 2);
            // g(η) = Σ J̄(η)²: reverse over reverse against central differences (same noise)
            java.util.function.Function<Var, Var> g = e ->
                AugmentedJacobians.of(model, Var.of(x), e, noise).jacobian().square().sum();
            Tensor grad = AD.grad(g, eta);
            double[][] fd = Differences.jacobian(e -> g.apply(Var.of(e)).value(), eta, 1e-6);
            assertTrue(Differences.relativeError(grad.toArray(), fd[0]) < 1e-5, grad + " vs " + java.util.Arrays.toString(fd[0]));
        });
    }

    @Test
    void rejectsImagesThatDoNotFitTheNetwork() {
        Sequential net = new Sequential(new Rng(0), new int[] {30}, new Linear(30, 2));
        AffineAugmentation aug = new AffineAugmentation(List.of(AffineGenerator.ROTATION), 2);
        assertThrows(IllegalArgumentException.class, () -> new AugmentedModel(net, aug, new int[] {1, 5, 5}));
        AugmentedModel model = new AugmentedModel(net, aug, new int[] {1, 5, 6});
        assertThrows(IllegalArgumentException.class, () -> model.predict(Tensor.zeros(2, 29), Tensor.zeros(1),
            aug.sampleNoise(new Rng(0), 2)));
    }
}
