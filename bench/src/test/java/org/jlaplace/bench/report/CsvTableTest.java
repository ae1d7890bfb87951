package org.jlaplace.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void rendersHeaderAndRowsWithFullPrecisionAndMissingCells() {
        CsvTable t = new CsvTable(List.of("epoch", "loss", "name"));
        t.add(1, 0.1 + 0.2, "plain");
        t.add(2, Double.NaN, null);
        t.add(3, Double.POSITIVE_INFINITY, "a,\"b\"");
        assertEquals("epoch,loss,name\n"
                + "1,0.30000000000000004,plain\n"
                + "2,,\n"
                + "3,,\"a,\"\"b\"\"\"\n", t.render());
    }

    @Test
    void renderingAgainAfterMoreRowsShowsEveryRowOnce() {
        CsvTable t = new CsvTable(List.of("x"));
        t.add(1.5);
        assertEquals("x\n1.5\n", t.render());
        t.add(2.5);
        assertEquals("x\n1.5\n2.5\n", t.render());
        assertEquals(t.render(), t.render());
    }

    @Test
    void rowsAreCopiedWhenAdded() {
        CsvTable t = new CsvTable(List.of("a", "b"));
        Object[] row = {1.0, 2.0};
        t.add(row);
        row[0] = 9.0;
        assertEquals("a,b\n1.0,2.0\n", t.render());
        assertArrayEquals(new double[] {1.0}, t.column("a"));
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        CsvTable t = new CsvTable(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> t.add(1.0));
    }
}
