package org.jlaplace.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.EmbeddedDatasets;
import org.junit.jupiter.api.Test;

class EmbeddedDigitsTest {

    @Test
    void firstRowsAreTheEmbeddedDigitsScaledToTheUnitInterval() {
        EmbeddedDigits d = EmbeddedDigits.first(1000);
        Dataset all = EmbeddedDatasets.load("digits", 0);
        assertArrayEquals(new int[] {1000, 64}, d.x.shape());
        assertEquals(1000, d.labels.length);
        double[] x = d.x.toArray();
        for (int i : new int[] {0, 1, 517, 999}) {
            assertEquals(all.label(i), d.labels[i], 0.0, "label " + i);
            for (int j = 0; j < 64; j++) {
                assertEquals(all.x(i)[j] / 16.0, x[i * 64 + j], 0.0, "pixel " + j + " of row " + i);
            }
        }
        // the first digit of the published set is a 0 whose first row reads 0, 0, 5, 13, 9, 1, 0, 0
        assertEquals(0.0, d.labels[0], 0.0);
        assertEquals(13 / 16.0, x[3], 0.0);
    }

    @Test
    void moreRowsThanTheDataSetHasAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedDigits.first(100_000));
    }
}
