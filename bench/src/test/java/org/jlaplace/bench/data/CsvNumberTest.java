package org.jlaplace.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CsvLoader#parseNumber} is {@link Double#parseDouble}, bit for bit, on every input. */
class CsvNumberTest {

    private static void sameAsParseDouble(String cell) {
        double expected = Double.parseDouble(cell);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(CsvLoader.parseNumber(cell)),
                "'" + cell + "'");
    }

    @Test
    void integersOfAnyLengthMatchParseDouble() {
        qt().forAll(longs().all()).checkAssert(v -> {
            sameAsParseDouble(Long.toString(v));
            sameAsParseDouble(Long.toString(v % 1_000_000_000_000_000L));
            sameAsParseDouble(Long.toString(v % 1000));
        });
    }

    @Test
    void decimalsMatchParseDouble() {
        qt().forAll(doubles().any()).assuming(Double::isFinite).checkAssert(v -> {
            sameAsParseDouble(Double.toString(v));
            sameAsParseDouble(String.format(java.util.Locale.ROOT, "%.3f", v));
        });
    }

    @Test
    void edgeCasesMatchParseDouble() {
        for (String cell : List.of("0", "-0", "007", "-007", "+5", " 5", "5 ", "999999999999999", "9999999999999999",
                "-999999999999999", "12345678901234567890", "1e3", "1.", ".5", "0x1p4", "Infinity", "NaN", "1d", "2f")) {
            sameAsParseDouble(cell);
        }
    }

    @Test
    void nonNumbersFailAsParseDoubleDoes() {
        for (String cell : List.of("", "-", "--1", "1-", "12a", "a", "1,5", "٣")) {
            assertThrows(NumberFormatException.class, () -> Double.parseDouble(cell), "'" + cell + "'");
            assertThrows(NumberFormatException.class, () -> CsvLoader.parseNumber(cell), "'" + cell + "'");
        }
    }
}
