package org.jlaplace.bench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a data CSV (FORMATS.md §3): one header line, comma-separated numbers, features first and
 * the label (classification) or the last {@code K} targets (regression) at the end. Values are kept
 * as given. Every problem is reported as {@code file:line:column: what is wrong} with 1-based line
 * and field numbers; blank lines are skipped.
 */
public final class CsvLoader {
    private CsvLoader() {
    }

    /** Reads {@code file}; {@code targets} is the number of regression targets (ignored for classification). */
    public static Dataset load(Path file, Task task, int targets) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), task, targets);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file.toString(), "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataFormatException(file.toString(), "not a UTF-8 text file");
        } catch (IOException e) {
            throw new DataFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads CSV text from {@code reader}; {@code name} is used in messages. */
    public static Dataset read(Reader reader, String name, Task task, int targets) throws IOException {
        BufferedReader r = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        String header = readLine(r, name, 1);
        if (header == null || header.isBlank()) {
            throw new DataFormatException(name, 1, "expected a header line (column names), found "
                    + (header == null ? "an empty file" : "a blank line"));
        }
        String[] columns = splitFields(header);
        int ncols = columns.length;
        int outCols = task == Task.CLASSIFICATION ? 1 : targets;
        if (task == Task.REGRESSION && (targets < 1 || targets >= ncols)) {
            throw new DataFormatException(name, 1, "--targets " + targets + " must be between 1 and "
                    + (ncols - 1) + " for a header with " + ncols + " columns");
        }
        if (ncols < 2) {
            throw new DataFormatException(name, 1, "the header has " + ncols
                    + " column; need at least one feature and a label or target");
        }
        int features = ncols - outCols;
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int maxLabel = -1;
        String line;
        int lineNo = 1;
        while ((line = readLine(r, name, lineNo + 1)) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = splitFields(line);
            if (cells.length != ncols) {
                throw new DataFormatException(name, lineNo, "found " + cells.length + " fields, the header has "
                        + ncols);
            }
            double[] x = new double[features];
            for (int j = 0; j < features; j++) {
                x[j] = parseFinite(cells[j], name, lineNo, j + 1, columns[j]);
            }
            xs.add(x);
            lineNumbers.add(lineNo);
            if (task == Task.CLASSIFICATION) {
                int label = parseLabel(cells[features], name, lineNo, features + 1, columns[features]);
                labels.add(label);
                maxLabel = Math.max(maxLabel, label);
            } else {
                double[] y = new double[outCols];
                for (int k = 0; k < outCols; k++) {
                    y[k] = parseFinite(cells[features + k], name, lineNo, features + k + 1, columns[features + k]);
                }
                ys.add(y);
            }
        }
        if (xs.isEmpty()) {
            throw new DataFormatException(name, lineNo, "no data rows after the header");
        }
        double[][] x = xs.toArray(new double[0][]);
        int[] lines = lineNumbers.stream().mapToInt(Integer::intValue).toArray();
        if (task == Task.CLASSIFICATION) {
            int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
            return Dataset.classification(name, x, new int[] {features}, lab, maxLabel + 1, lines);
        }
        return Dataset.regression(name, x, new int[] {features}, ys.toArray(new double[0][]), lines);
    }

    /** Longest line accepted, in characters (a million features of 16 characters each). */
    static final int MAX_LINE_CHARS = 1 << 24;

    /**
     * The next line without its terminator ({@code \n} or {@code \r\n}), or {@code null} at the end;
     * a line longer than {@link #MAX_LINE_CHARS} (e.g. {@code --data /dev/zero}) is bad input rather
     * than an unbounded buffer.
     */
    static String readLine(BufferedReader r, String name, int lineNo) throws IOException {
        StringBuilder b = new StringBuilder();
        int ch;
        while ((ch = r.read()) >= 0) {
            if (ch == '\n') {
                break;
            }
            if (b.length() >= MAX_LINE_CHARS) {
                throw new DataFormatException(name, lineNo, "line is longer than " + MAX_LINE_CHARS
                        + " characters (not a CSV file?)");
            }
            b.append((char) ch);
        }
        if (ch < 0 && b.length() == 0) {
            return null;
        }
        int end = b.length();
        if (end > 0 && b.charAt(end - 1) == '\r') {
            b.setLength(end - 1);
        }
        return b.toString();
    }

    /** Splits on commas; surrounding spaces and a pair of double quotes around a field are dropped. */
    static String[] splitFields(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            String s = f[i].trim();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1).trim();
            }
            f[i] = s;
        }
        return f;
    }

    private static double parseFinite(String cell, String name, int line, int col, String column) {
        double v;
        try {
            v = parseNumber(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(name, line, col, (cell.isEmpty() ? "empty cell" : "'" + cell + "'")
                    + " in column '" + column + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new DataFormatException(name, line, col, "'" + cell + "' in column '" + column
                    + "' is not finite");
        }
        return v;
    }

    /**
     * {@link Double#parseDouble}, with plain integers of up to 15 digits (an optional minus sign,
     * then digits only: pixel values, counts, labels) converted directly, which is exact for them.
     * Measured on the embedded digits (115,000 such cells) in a fresh JVM, reading took about
     * 170 ms through {@code parseDouble}'s general decimal machinery, run by the interpreter.
     */
    static double parseNumber(String cell) {
        int len = cell.length();
        boolean negative = len > 0 && cell.charAt(0) == '-';
        int start = negative ? 1 : 0;
        if (len > start && len - start <= 15) {
            long v = 0;
            int i = start;
            for (; i < len; i++) {
                char ch = cell.charAt(i);
                if (ch < '0' || ch > '9') {
                    break;
                }
                v = v * 10 + (ch - '0');
            }
            if (i == len) {
                return negative ? -(double) v : (double) v;
            }
        }
        return Double.parseDouble(cell);
    }

    private static int parseLabel(String cell, String name, int line, int col, String column) {
        double v = parseFinite(cell, name, line, col, column);
        if (v != Math.rint(v)) {
            throw new DataFormatException(name, line, col, "label '" + cell + "' in column '" + column
                    + "' is not an integer (classification labels are 0..C-1; use --likelihood regression for real targets)");
        }
        if (v < 0) {
            throw new DataFormatException(name, line, col, "label " + cell + " in column '" + column
                    + "' is negative (classification labels are 0..C-1)");
        }
        if (v > 1_000_000) {
            throw new DataFormatException(name, line, col, "label " + cell + " in column '" + column
                    + "' is too large for a class index");
        }
        return (int) v;
    }
}
