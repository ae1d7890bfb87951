package org.jlaplace.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What {@link PngWriter} writes decodes (by ImageIO) to exactly the pixels it was given. */
class PngWriterTest {

    private static BufferedImage decode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PngWriter.write(image, out);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
            assertNotNull(back, "not a readable PNG");
            return back;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void opaqueImagesOfAnySizeDecodeToTheSamePixels() {
        qt().withExamples(40).forAll(integers().between(1, 70), integers().between(1, 50), integers().between(0, 1000))
                .checkAssert((w, h, seed) -> {
                    Random rnd = new Random(seed);
                    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int rgb = rnd.nextBoolean() ? 0xffffff : rnd.nextInt(1 << 24);
                            image.setRGB(x, y, 0xff000000 | rgb);
                        }
                    }
                    assertSamePixels(image, decode(image));
                });
    }

    @Test
    void aTransparentImageKeepsItsAlpha() {
        BufferedImage image = new BufferedImage(5, 4, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xff123456);
        image.setRGB(3, 2, 0x80abcdef);
        assertSamePixels(image, decode(image));
    }

    @Test
    void aRunChartDecodesToTheRenderedPixels() {
        double[] x = {1, 2, 3, 4, 5};
        BufferedImage chart = org.knowm.xchart.BitmapEncoder.getBufferedImage(
                Plots.figure("t", "x", "y").line("a", x, new double[] {1, 3, 2, 5, 4}).chart());
        assertSamePixels(chart, decode(chart));
    }
}
