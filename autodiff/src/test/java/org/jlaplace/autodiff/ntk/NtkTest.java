package org.jlaplace.autodiff.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Networks;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

class NtkTest {
    private static final List<Activation> ACTIVATIONS = List.of(Activation.relu(), Activation.tanh(),
            Activation.sigmoid(), Activation.gelu(), Activation.silu(), Activation.selu(), Activation.softplus(),
            Activation.leakyRelu(0.1));

    private static List<Sequential> models(int act, long seed) {
        Activation a = ACTIVATIONS.get(act);
        return List.of(Networks.mlp(a, seed), Networks.cnn(a, seed), Networks.cnnAvg(a, seed));
    }

    private static void assertRelativelyClose(Tensor expected, Tensor actual, double tol, String what) {
        double scale = Math.max(expected.abs().max(), Double.MIN_NORMAL);
        double err = expected.maxAbsDiff(actual) / scale;
        assertTrue(err <= tol, what + ": relative error " + err);
    }

    @Test
    void theThreeMethodsAgreePerGroupOnMlpsAndCnnsWithEveryActivation() {
        qt().withExamples(16).forAll(integers().between(0, 7), integers().between(1, 5), longs().all())
                .checkAssert((act, m, seed) -> {
                    for (Sequential model : models(act, seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        GroupKernels structured = Ntk.kernels(model, x, NtkMethod.STRUCTURED);
                        GroupKernels contraction = Ntk.kernels(model, x, NtkMethod.CONTRACTION);
                        GroupKernels vector = Ntk.kernels(model, x, NtkMethod.NTK_VECTOR_PRODUCT);
                        assertEquals(model.parameters().size(), structured.groups());
                        for (int g = 0; g < structured.groups(); g++) {
                            assertEquals(model.parameters().get(g).name(), structured.name(g));
                            String what = model + " group " + structured.name(g);
                            assertRelativelyClose(contraction.kernel(g), structured.kernel(g), 1e-10, what);
                            assertRelativelyClose(contraction.kernel(g), vector.kernel(g), 1e-10, what);
                        }
                        for (NtkMethod method : NtkMethod.values()) {
                            assertRelativelyClose(contraction.total(), Ntk.kernel(model, x, method), 1e-10,
                                    model + " total " + method);
                        }
                    }
                });
    }

    @Test
    void methodsAgreeOnBatchesLargerThanTheirRowAndColumnBlocks() {
        qt().withExamples(3).forAll(integers().between(33, 70), longs().all()).checkAssert((m, seed) -> {
            Sequential model = Networks.mlp(Activation.tanh(), seed);
            Tensor x = Networks.inputs(model, m, seed + 1);
            GroupKernels contraction = Ntk.kernels(model, x, NtkMethod.CONTRACTION);
            GroupKernels structured = Ntk.kernels(model, x, NtkMethod.STRUCTURED);
            for (int g = 0; g < contraction.groups(); g++) {
                assertRelativelyClose(contraction.kernel(g), structured.kernel(g), 1e-10, "group " + g);
            }
            double[] scales = {0.5, 2.0, 1.5, 3.0, 0.25};
            for (NtkMethod method : NtkMethod.values()) {
                assertRelativelyClose(contraction.weightedTotal(scales), Ntk.kernel(model, x, method, scales), 1e-10,
                        "total " + method);
            }
        });
    }

    @Test
    void contractionInSmallColumnChunksEqualsStructured() {
        qt().withExamples(6).forAll(integers().between(1, 6), integers().between(1, 200), longs().all())
                .checkAssert((m, chunk, seed) -> {
                    for (Sequential model : models(4, seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        GroupKernels chunked = ContractionKernels.perGroup(BatchFactors.of(model, x), chunk);
                        GroupKernels structured = Ntk.kernels(model, x, NtkMethod.STRUCTURED);
                        for (int g = 0; g < chunked.groups(); g++) {
                            assertRelativelyClose(structured.kernel(g), chunked.kernel(g), 1e-10, model + " group " + g);
                        }
                    }
                });
    }

    @Test
    void kernelsByDirectionAreTheDiagonalBlocksOfTheWeightedKernels() {
        qt().withExamples(8).forAll(integers().between(0, 7), integers().between(1, 4), integers().between(1, 3),
                longs().all()).checkAssert((act, m, r, seed) -> {
                    for (Sequential model : models(act, seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        Tensor a = new Rng(seed + 2).normal(0, 1, m, model.outputSize(), r);
                        GroupKernels full = Ntk.weightedKernels(model, x, a, NtkMethod.CONTRACTION);
                        for (NtkMethod method : List.of(NtkMethod.STRUCTURED, NtkMethod.CONTRACTION)) {
                            List<GroupKernels> byDirection = Ntk.weightedKernelsByDirection(model, x, a, method);
                            assertEquals(r, byDirection.size());
                            for (int q = 0; q < r; q++) {
                                for (int g = 0; g < full.groups(); g++) {
                                    double[][] block = new double[m][m];
                                    for (int n = 0; n < m; n++) {
                                        for (int n2 = 0; n2 < m; n2++) {
                                            block[n][n2] = full.kernel(g).get(n * r + q, n2 * r + q);
                                        }
                                    }
                                    double err = NtkOracle.relativeError(byDirection.get(q).kernel(g).toRows(), block);
                                    assertTrue(err < 1e-10, model + " " + method + " direction " + q + " group " + g);
                                }
                            }
                        }
                    }
                });
    }

    @Test
    void kernelsEqualGramsOfTheFiniteDifferenceJacobianAndSumToTheFullKernel() {
        qt().withFixedSeed(31).withExamples(8).forAll(integers().between(0, 7), integers().between(1, 3), longs().all())
                .checkAssert((act, m, seed) -> {
                    for (Sequential model : models(act, seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        if (Networks.nearKink(model, x)) {
                            continue;
                        }
                        double[][] j = NtkOracle.finiteDifferenceJacobian(model, x);
                        GroupKernels kernels = Ntk.kernels(model, x, NtkMethod.STRUCTURED);
                        for (int g = 0; g < kernels.groups(); g++) {
                            double[][] expected = NtkOracle.gram(j, model.parameterOffset(g), model.parameterOffset(g + 1));
                            double err = NtkOracle.relativeError(kernels.kernel(g).toRows(), expected);
                            assertTrue(err < 1e-6, model + " group " + g + " error " + err);
                        }
                        double[][] full = NtkOracle.gram(j, 0, model.numParameters());
                        assertTrue(NtkOracle.relativeError(kernels.total().toRows(), full) < 1e-6, model.toString());
                    }
                });
    }

    @Test
    void weightedKernelsAreTheWeightedFullKernelForEveryMethod() {
        qt().withExamples(12).forAll(integers().between(0, 7), integers().between(1, 4), integers().between(1, 4),
                longs().all()).checkAssert((act, m, r, seed) -> {
                    for (Sequential model : models(act, seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        Tensor a = new Rng(seed + 2).normal(0, 1, m, model.outputSize(), r);
                        GroupKernels plain = Ntk.kernels(model, x, NtkMethod.CONTRACTION);
                        GroupKernels structured = Ntk.weightedKernels(model, x, a);
                        for (NtkMethod method : NtkMethod.values()) {
                            GroupKernels weighted = Ntk.weightedKernels(model, x, a, method);
                            for (int g = 0; g < weighted.groups(); g++) {
                                double[][] expected = NtkOracle.weight(plain.kernel(g).toRows(), a);
                                double err = NtkOracle.relativeError(weighted.kernel(g).toRows(), expected);
                                assertTrue(err < 1e-10, model + " " + method + " group " + g + " error " + err);
                                assertRelativelyClose(structured.kernel(g), weighted.kernel(g), 1e-10, method.toString());
                            }
                        }
                        double[][] expectedTotal = NtkOracle.weight(plain.total().toRows(), a);
                        assertTrue(NtkOracle.relativeError(structured.total().toRows(), expectedTotal) < 1e-10);
                    }
                });
    }

    @Test
    void groupScalesWeightTheKernelsForEveryMethod() {
        qt().withExamples(8).forAll(integers().between(1, 4), longs().all()).checkAssert((m, seed) -> {
            for (Sequential model : models(3, seed)) {
                Tensor x = Networks.inputs(model, m, seed + 1);
                Rng rng = new Rng(seed + 2);
                double[] scales = new double[model.parameters().size()];
                for (int g = 0; g < scales.length; g++) {
                    scales[g] = g == 1 ? 0.0 : 0.1 + rng.nextDouble() * 3;
                }
                Tensor expected = Ntk.kernels(model, x, NtkMethod.CONTRACTION).weightedTotal(scales);
                for (NtkMethod method : NtkMethod.values()) {
                    assertRelativelyClose(expected, Ntk.kernel(model, x, method, scales), 1e-10, method.toString());
                }
                Tensor v = rng.normal(0, 1, m * model.outputSize(), 3);
                Tensor kv = Ntk.kernelVectorProduct(model, x, v, null, scales);
                assertRelativelyClose(expected.matmul(v), kv, 1e-10, "kernelVectorProduct");
            }
        });
    }

    @Test
    void kernelVectorProductsMatchTheKernelTimesVector() {
        qt().withExamples(10).forAll(integers().between(0, 7), integers().between(1, 4), longs().all())
                .checkAssert((act, m, seed) -> {
                    for (Sequential model : models(act, seed)) {
                        Tensor x = Networks.inputs(model, m, seed + 1);
                        Tensor k = Ntk.kernel(model, x, NtkMethod.STRUCTURED);
                        Tensor v = new Rng(seed + 2).normal(0, 1, m * model.outputSize());
                        assertRelativelyClose(k.matmul(v), Ntk.kernelVectorProduct(model, x, v), 1e-10, model.toString());
                        int r = 2;
                        Tensor a = new Rng(seed + 3).normal(0, 1, m, model.outputSize(), r);
                        Tensor w = new Rng(seed + 4).normal(0, 1, m * r, 3);
                        double[] ones = new double[model.parameters().size()];
                        java.util.Arrays.fill(ones, 1.0);
                        Tensor ka = Ntk.weightedKernels(model, x, a).total();
                        assertRelativelyClose(ka.matmul(w), Ntk.kernelVectorProduct(model, x, w, a, ones), 1e-10,
                                "weighted " + model);
                    }
                });
    }

    @Test
    void kernelsArePositiveSemidefiniteAndSymmetric() {
        Sequential model = Networks.cnn(Activation.silu(), 5);
        Tensor x = Networks.inputs(model, 4, 6);
        GroupKernels kernels = Ntk.kernels(model, x, NtkMethod.STRUCTURED);
        for (int g = 0; g < kernels.groups(); g++) {
            Tensor k = kernels.kernel(g);
            assertEquals(0.0, k.maxAbsDiff(k.transpose()), 0.0);
            Tensor v = new Rng(g).normal(0, 1, k.dim(0));
            assertTrue(v.dot(k.matmul(v)) >= -1e-12);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Sequential model = Networks.mlp(Activation.tanh(), 1);
        Tensor x = Networks.inputs(model, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> Ntk.kernel(model, x, NtkMethod.STRUCTURED, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> Ntk.kernelVectorProduct(model, x, Tensor.zeros(5)));
        assertThrows(IllegalArgumentException.class,
                () -> Ntk.weightedKernels(model, x, Tensor.zeros(3, 3, 1), NtkMethod.NTK_VECTOR_PRODUCT));
        assertThrows(IllegalArgumentException.class, () -> Ntk.kernels(model, Tensor.zeros(2, 4), NtkMethod.CONTRACTION));
        GroupKernels k = Ntk.kernels(model, x, NtkMethod.STRUCTURED);
        assertThrows(IllegalArgumentException.class, () -> k.weightedTotal(new double[] {1}));
    }
}
