package org.jlaplace.bench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path p = dir.resolve("d.csv");
        Files.writeString(p, text);
        return p;
    }

    private String errorOf(String text, Task task, int targets) throws IOException {
        Path p = write(text);
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvLoader.load(p, task, targets));
        return e.getMessage();
    }

    @Test
    void readsFeaturesAndLabelsAsGiven() throws IOException {
        Dataset d = CsvLoader.load(write("a,b,label\n1.5,-2,1\n\n3,4e2,0\n"), Task.CLASSIFICATION, 1);
        assertEquals(2, d.size());
        assertEquals(2, d.features());
        assertEquals(2, d.classes());
        assertArrayEquals(new double[] {1.5, -2}, d.x(0));
        assertArrayEquals(new double[] {3, 400}, d.x(1));
        assertEquals(1, d.label(0));
        assertEquals(0, d.label(1));
        assertEquals(4, d.line(1), "the blank line 3 is skipped but counted");
    }

    @Test
    void readsTheLastKColumnsAsRegressionTargets() throws IOException {
        Dataset d = CsvLoader.load(write("a,b,c,d\n1,2,3,4\n5,6,7,8\n"), Task.REGRESSION, 2);
        assertEquals(2, d.features());
        assertEquals(2, d.outputs());
        assertArrayEquals(new double[] {7, 8}, d.target(1));
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        String m = errorOf("a,b,label\n1,2,0\n1,x7,1\n", Task.CLASSIFICATION, 1);
        assertTrue(m.endsWith("d.csv:3:2: 'x7' in column 'b' is not a number"), m);
    }

    @Test
    void emptyCellIsReported() throws IOException {
        String m = errorOf("a,b,label\n1,,0\n", Task.CLASSIFICATION, 1);
        assertTrue(m.contains("d.csv:2:2: empty cell"), m);
    }

    @Test
    void nanAndInfinityAreRejected() throws IOException {
        assertTrue(errorOf("a,b,label\nNaN,2,0\n", Task.CLASSIFICATION, 1).contains("d.csv:2:1: 'NaN'"));
        String m = errorOf("a,b,y\n1,2,0\n1,2,-Infinity\n", Task.REGRESSION, 1);
        assertTrue(m.contains("d.csv:3:3: '-Infinity' in column 'y' is not finite"), m);
    }

    @Test
    void wrongColumnCountNamesTheLine() throws IOException {
        String m = errorOf("a,b,label\n1,2,0\n1,2,3,0\n", Task.CLASSIFICATION, 1);
        assertTrue(m.contains("d.csv:3: found 4 fields, the header has 3"), m);
    }

    @Test
    void nonIntegerAndNegativeLabelsAreRejected() throws IOException {
        String m = errorOf("a,label\n1,0\n2,1.5\n", Task.CLASSIFICATION, 1);
        assertTrue(m.contains("d.csv:3:2: label '1.5' in column 'label' is not an integer"), m);
        m = errorOf("a,label\n1,-1\n", Task.CLASSIFICATION, 1);
        assertTrue(m.contains("d.csv:2:2: label -1"), m);
        assertTrue(m.contains("negative"), m);
    }

    @Test
    void labelsOutOfRangeForTheModelNameTheirPosition() throws IOException {
        Dataset d = CsvLoader.load(write("a,label\n1,0\n2,3\n"), Task.CLASSIFICATION, 1);
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataChecks.requireOutputs(d, 3));
        assertTrue(e.getMessage().contains("d.csv:3:2: label 3"), e.getMessage());
        assertTrue(e.getMessage().contains("3 outputs"), e.getMessage());
        assertEquals(5, DataChecks.requireOutputs(d, 5).classes());
    }

    @Test
    void inputSizeMismatchIsReported() throws IOException {
        Dataset d = CsvLoader.load(write("a,b,label\n1,2,0\n"), Task.CLASSIFICATION, 1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataChecks.requireInputShape(d, new int[] {1, 2, 2}));
        assertTrue(e.getMessage().contains("2 features") && e.getMessage().contains("[1, 2, 2]"), e.getMessage());
    }

    @Test
    void badTargetCountAndEmptyFilesAreReported() throws IOException {
        assertTrue(errorOf("a,b\n1,2\n", Task.REGRESSION, 2).contains("--targets 2"));
        assertTrue(errorOf("", Task.CLASSIFICATION, 1).contains("d.csv:1: expected a header line"));
        assertTrue(errorOf("a,label\n", Task.CLASSIFICATION, 1).contains("no data rows"));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvLoader.load(dir.resolve("missing.csv"), Task.CLASSIFICATION, 1));
        assertTrue(e.getMessage().contains("missing.csv: no such file"), e.getMessage());
    }

    @Test
    void embeddedSetsMatchTheirPublishedSizes() {
        Dataset digits = EmbeddedDatasets.load("digits", 0);
        assertEquals(1797, digits.size());
        assertArrayEquals(new int[] {1, 8, 8}, digits.inputShape());
        assertEquals(10, digits.classes());
        assertEquals(150, EmbeddedDatasets.load("iris", 0).size());
        assertEquals(178, EmbeddedDatasets.load("wine", 0).size());
        assertEquals(569, EmbeddedDatasets.load("breast_cancer", 0).size());
        Dataset diabetes = EmbeddedDatasets.load("diabetes", 0);
        assertEquals(442, diabetes.size());
        assertEquals(Task.REGRESSION, diabetes.task());
        assertEquals(10, diabetes.features());
    }
}
