package org.jlaplace.bench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HeapBudgetTest {
    @Test
    void refusalGivesTheEstimateTheHeapAndTheAdvice() {
        HeapBudget budget = new HeapBudget(1L << 30);
        MemoryEstimate e = new MemoryEstimate().doubles("kernel", 200L << 20).doubles("tiny", 3);
        InsufficientMemoryException x = assertThrows(InsufficientMemoryException.class,
                () -> budget.require(e, "evidence --batch-size 9", "a smaller --batch-size"));
        String m = x.getMessage();
        assertTrue(m.contains("evidence --batch-size 9 needs an estimated 1.6 GB of heap (kernel 1.6 GB)"), m);
        assertTrue(m.contains("the heap is 1.0 GB"), m);
        assertTrue(m.contains("a smaller --batch-size, or JLAPLACE_JAVA_OPTS=-Xmx"), m);
        budget.require(new MemoryEstimate().doubles("small", 1 << 20), "fits", "");
    }

    @Test
    void theUsableFractionIsTheLimit() {
        HeapBudget budget = new HeapBudget(8000);
        assertTrue(budget.fits((long) (8000 * HeapBudget.USABLE_FRACTION)));
        assertFalse(budget.fits((long) (8000 * HeapBudget.USABLE_FRACTION) + 1));
    }

    @Test
    void productsSaturateInsteadOfOverflowing() {
        qt().forAll(longs().between(0, Long.MAX_VALUE), longs().between(0, Long.MAX_VALUE)).checkAssert((a, b) -> {
            BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
            long expected = exact.bitLength() < 64 ? exact.longValue() : Long.MAX_VALUE;
            assertEquals(expected, MemoryEstimate.saturatingMultiply(a, b));
        });
        MemoryEstimate e = new MemoryEstimate().doubles("huge", Long.MAX_VALUE / 2).doubles("more", Long.MAX_VALUE / 2);
        assertEquals(Long.MAX_VALUE, e.total());
        assertFalse(new HeapBudget(Long.MAX_VALUE).fits(e.total()));
    }

    @Test
    void bytesAreWrittenInBinaryUnits() {
        assertEquals("512 B", HeapBudget.bytes(512));
        assertEquals("1.5 KB", HeapBudget.bytes(1536));
        assertEquals("3.0 GB", HeapBudget.bytes(3L << 30));
    }
}
