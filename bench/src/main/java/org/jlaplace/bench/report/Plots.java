package org.jlaplace.bench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts drawn with XChart (headless) and written as PNG by {@link PngWriter}. A
 * {@link Figure} collects named series and writes itself into a {@link RunDirectory}. Points with a
 * non-finite coordinate are dropped (XChart cannot draw them); a series left empty is skipped.
 */
public final class Plots {
    private Plots() {
    }

    /** A chart under construction. */
    public static final class Figure {
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private boolean logX;
        private boolean logY;
        private double yMin = Double.NaN;
        private double yMax = Double.NaN;
        private final List<Object[]> series = new ArrayList<>();

        private Figure(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        /** Logarithmic x axis. */
        public Figure logX() {
            logX = true;
            return this;
        }

        /** Logarithmic y axis (only if every y is positive; otherwise linear). */
        public Figure logY() {
            logY = true;
            return this;
        }

        /** Shows only {@code [min, max]} of the y axis (values outside are clipped). */
        public Figure yRange(double min, double max) {
            yMin = min;
            yMax = max;
            return this;
        }

        /** Adds a line. */
        public Figure line(String name, double[] x, double[] y) {
            series.add(new Object[] {name, x, y, null, Boolean.FALSE});
            return this;
        }

        /** Adds a line with error bars of half-width {@code err}. */
        public Figure lineWithErrors(String name, double[] x, double[] y, double[] err) {
            series.add(new Object[] {name, x, y, err, Boolean.FALSE});
            return this;
        }

        /** Adds points without a connecting line. */
        public Figure scatter(String name, double[] x, double[] y) {
            series.add(new Object[] {name, x, y, null, Boolean.TRUE});
            return this;
        }

        /** Number of series added. */
        public int seriesCount() {
            return series.size();
        }

        /** The XChart chart. */
        public XYChart chart() {
            XYChart c = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            c.getStyler().setXAxisLogarithmic(logX);
            c.getStyler().setLegendVisible(series.size() > 1);
            boolean allPositive = true;
            int added = 0;
            for (Object[] s : series) {
                double[][] pts = finite((double[]) s[1], (double[]) s[2], (double[]) s[3], logX);
                if (pts[0].length == 0) {
                    continue;
                }
                for (double v : pts[1]) {
                    allPositive &= v > 0;
                }
                XYSeries xy = pts[2] == null ? c.addSeries((String) s[0], pts[0], pts[1])
                        : c.addSeries((String) s[0], pts[0], pts[1], pts[2]);
                if ((Boolean) s[4]) {
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                } else if (pts[0].length > 30) {
                    xy.setMarker(SeriesMarkers.NONE);
                }
                added++;
            }
            c.getStyler().setYAxisLogarithmic(logY && allPositive && added > 0);
            if (Double.isFinite(yMin) && Double.isFinite(yMax) && yMin < yMax) {
                c.getStyler().setYAxisMin(yMin);
                c.getStyler().setYAxisMax(yMax);
            }
            return c;
        }

        /** Writes the chart as PNG into {@code dir} under {@code name}. */
        public void save(RunDirectory dir, String name) {
            byte[] png = png();
            dir.write(name, out -> out.write(png));
        }

        /** The chart rendered and encoded as PNG (in memory, so that no lock is held meanwhile). */
        public byte[] png() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                encode(chart(), out);
            } catch (IOException e) {
                throw new UncheckedIOException("rendering the chart '" + title + "'", e);
            }
            return out.toByteArray();
        }
    }

    /**
     * Renders {@code figures} (file name → figure) on up to two threads, the caller's and one of
     * the common pool, and writes each into {@code dir}. At the end of a run the caller would
     * otherwise wait idle while one thread draws and encodes every chart in turn.
     */
    public static void saveAll(RunDirectory dir, Map<String, Figure> figures) {
        Map<String, byte[]> rendered = new ConcurrentHashMap<>();
        figures.entrySet().parallelStream().forEach(e -> rendered.put(e.getKey(), e.getValue().png()));
        for (String name : figures.keySet()) {
            byte[] png = rendered.get(name);
            dir.write(name, out -> out.write(png));
        }
    }

    /** A new figure. */
    public static Figure figure(String title, String xLabel, String yLabel) {
        return new Figure(title, xLabel, yLabel);
    }

    /**
     * Renders a small chart (legend, log axis, scatter and line) into memory and drops it: the
     * first chart of a JVM loads and initialises Java2D, the fonts and the PNG encoder, which takes
     * about a second; done early on a spare core, the run's own plots do not wait for it.
     */
    public static void warmUp() {
        double[] x = {1, 2, 3};
        Figure f = figure("warm-up", "x", "y").logY().line("a", x, new double[] {1, 2, 4}).scatter("b", x, x);
        try {
            encode(f.chart(), OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the warm-up chart", e);
        }
    }

    private static void encode(XYChart c, OutputStream out) throws IOException {
        PngWriter.write(BitmapEncoder.getBufferedImage(c), out);
    }

    private static double[][] finite(double[] x, double[] y, double[] err, boolean positiveX) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (keep(x, y, err, i, positiveX)) {
                n++;
            }
        }
        double[] fx = new double[n];
        double[] fy = new double[n];
        double[] fe = err == null ? null : new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (keep(x, y, err, i, positiveX)) {
                fx[k] = x[i];
                fy[k] = y[i];
                if (fe != null) {
                    fe[k] = err[i];
                }
                k++;
            }
        }
        return new double[][] {fx, fy, fe};
    }

    private static boolean keep(double[] x, double[] y, double[] err, int i, boolean positiveX) {
        return Double.isFinite(x[i]) && Double.isFinite(y[i]) && (err == null || Double.isFinite(err[i]))
                && (!positiveX || x[i] > 0);
    }
}
