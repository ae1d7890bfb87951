package org.jlaplace.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

/** ReLU's branch-free step mask against the comparison {@code x > 0} it replaces. */
class ReluMaskTest {

    private static void assertMaskIsStep(double x) {
        long bits = Double.doubleToRawLongBits(x);
        long mask = ActivationOp.positiveMask(bits);
        assertEquals(x > 0 ? -1L : 0L, mask, "x = " + x + " (bits " + Long.toHexString(bits) + ")");
        assertEquals(Double.doubleToRawLongBits(x > 0 ? x : 0.0),
                Double.doubleToRawLongBits(Double.longBitsToDouble(bits & mask)), "relu(" + x + ")");
    }

    @Test
    void specialValues() {
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L),
            Double.longBitsToDouble(0xfff8000000000000L), Double.longBitsToDouble(0x7fffffffffffffffL), 1.0, -1.0};
        for (double x : special) {
            assertMaskIsStep(x);
        }
    }

    @Test
    void everyBitPatternAndEveryDouble() {
        qt().withExamples(2000).forAll(longs().all()).checkAssert(b -> assertMaskIsStep(Double.longBitsToDouble(b)));
        qt().withExamples(2000).forAll(doubles().any()).checkAssert(ReluMaskTest::assertMaskIsStep);
    }
}
