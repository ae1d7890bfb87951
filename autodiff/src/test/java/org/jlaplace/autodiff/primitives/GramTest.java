package org.jlaplace.autodiff.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/** The SYRK forward pass of {@link Gram} against the plain product {@code X·Xᵀ} (the oracle). */
class GramTest {
    @Test
    void equalsTheProductWithTheTransposeForBatchedAndStridedInputs() {
        qt().withExamples(30).withFixedSeed(77L).forAll(longs().all()).checkAssert(seed -> {
            Rng r = new Rng(seed);
            int batch = 1 + r.nextInt(3);
            int m = 1 + r.nextInt(40);
            int k = r.nextInt(70);
            Tensor x = r.normal(0, 1, batch, m, k);
            if (r.nextInt(2) == 0) {
                // a non-contiguous view: the transpose of a [batch, k, m] tensor
                x = r.normal(0, 1, batch, k, m).transpose();
            }
            Tensor expected = x.matmul(x.transpose());
            Tensor actual = Gram.of(Var.of(x)).value();
            assertArrayEquals(expected.shape(), actual.shape());
            assertTrue(actual.allClose(expected, 1e-12, 1e-12), "max difference " + actual.maxAbsDiff(expected));
            Tensor first = Gram.of(Var.of(x.select(0, 0))).value();
            assertTrue(first.allClose(expected.select(0, 0), 1e-12, 1e-12), "rank-2 input");
        });
    }

    @Test
    void rejectsVectors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Gram.of(Var.of(Tensor.zeros(3))));
        assertTrue(e.getMessage().contains("gram") && e.getMessage().contains("[3]"), e.getMessage());
    }
}
