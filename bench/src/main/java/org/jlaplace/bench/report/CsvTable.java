package org.jlaplace.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table with named columns rendered as CSV: one header line, then one line per row. Numbers are
 * written with full double precision ({@link Double#toString}); non-finite numbers and missing
 * values as empty cells, which spreadsheet and pandas readers take as missing.
 */
public final class CsvTable {
    private final List<String> columns;
    private final List<Object[]> rows = new ArrayList<>();
    /**
     * Each row's CSV line, rendered when the row is added: a run re-renders its tables after every
     * epoch and hyper-step, and formatting every double again each time made the run's output
     * quadratic in its length (tens of thousands of {@code Double.toString} calls by the end).
     */
    private final StringBuilder renderedRows = new StringBuilder();

    /** A table with these column names. */
    public CsvTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    /** The rows added so far (read-only). */
    public List<Object[]> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Adds a row of numbers or strings ({@code null} for missing), one per column. */
    public void add(Object... row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("CsvTable.add: " + row.length + " values for " + columns.size() + " columns "
                    + columns);
        }
        Object[] copy = row.clone();
        rows.add(copy);
        for (int j = 0; j < copy.length; j++) {
            if (j > 0) {
                renderedRows.append(',');
            }
            renderedRows.append(cell(copy[j]));
        }
        renderedRows.append('\n');
    }

    /** One column as doubles (missing as NaN). */
    public double[] column(String name) {
        int j = columns.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("CsvTable.column: no column '" + name + "' in " + columns);
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = rows.get(i)[j];
            out[i] = v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
        }
        return out;
    }

    /** The CSV text. */
    public String render() {
        return String.join(",", columns) + '\n' + renderedRows;
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? Double.toString(d) : "";
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
