package org.jlaplace.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns for the console summary. */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a row; the first row added is the header. */
    public TextTable row(String... cells) {
        rows.add(cells.clone());
        return this;
    }

    /** The table, columns padded to their widest cell, a rule under the header. */
    public String render() {
        int cols = 0;
        for (String[] r : rows) {
            cols = Math.max(cols, r.length);
        }
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                w[j] = Math.max(w[j], r[j].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            for (int j = 0; j < cols; j++) {
                String c = j < r.length ? r[j] : "";
                sb.append(j == 0 ? "" : "  ").append(c).append(" ".repeat(w[j] - c.length()));
            }
            sb.append('\n');
            if (i == 0) {
                int total = 0;
                for (int j = 0; j < cols; j++) {
                    total += w[j] + (j == 0 ? 0 : 2);
                }
                sb.append("-".repeat(total)).append('\n');
            }
        }
        return sb.toString();
    }
}
