package org.jlaplace.laplace;

import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.laplace.curvature.DiagonalSums;
import org.jlaplace.laplace.curvature.Ggn;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The GGN diagonal summed from layer captures chunk by chunk ({@link DiagonalSums}) equals the
 * column squares of the explicit weighted Jacobian of one batch holding all data
 * ({@link Ggn#diagonal}), on an MLP and a CNN (more data than one block of partial sums), for
 * chunks of 1, a non-divisor of {@code N} and {@code N}.
 */
class DiagonalSumsTest {
    @Test
    void capturedDiagonalEqualsTheExplicitJacobianColumnSquares() {
        qt().withExamples(12).forAll(longs().all(), booleans().all(), booleans().all()).checkAssert((seed, cls, cnn) -> {
            Random r = new Random(seed);
            int c = 2 + r.nextInt(3);
            Sequential net = cnn ? SmallNetworks.cnn(seed, c) : SmallNetworks.mlp(seed, 3, 5, c);
            int n = 9 + r.nextInt(12);
            NetworkModel model = NetworkModel.of(net, SmallNetworks.inputs(seed, net, n));
            Likelihood lik = cls ? new CategoricalLikelihood(c, 0.5 + r.nextDouble())
                    : new GaussianLikelihood(c, 0.3 + r.nextDouble());
            double[] want = Ggn.diagonal(model.batch(ExactValueTest.range(n)), lik);
            for (int chunk : new int[] {1, 4, n}) {
                DiagonalSums sums = new DiagonalSums();
                for (int from = 0; from < n; from += chunk) {
                    int[] idx = new int[Math.min(n, from + chunk) - from];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = from + i;
                    }
                    JacobianBatch b = model.batch(idx);
                    sums.add(b.kronCaptures(lik.hessianFactor(b.predictions(), b.size()), c));
                }
                double[] got = sums.diagonal(model.groups());
                assertEquals(want.length, got.length);
                for (int q = 0; q < want.length; q++) {
                    assertEquals(want[q], got[q], 1e-12 * (1 + Math.abs(want[q])),
                            (cnn ? "cnn" : "mlp") + " chunk " + chunk + " parameter " + q);
                }
            }
        });
    }
}
