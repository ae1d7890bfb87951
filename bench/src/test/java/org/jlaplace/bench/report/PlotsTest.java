package org.jlaplace.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    private static Plots.Figure figure(int k) {
        double[] x = {1, 2, 3, 4};
        return Plots.figure("figure " + k, "x", "y").line("a", x, new double[] {1, k, 2, 3}).scatter("b", x, x);
    }

    @Test
    void saveAllWritesEveryFigureAsTheSamePngThatSaveWrites(@TempDir Path tmp) throws IOException {
        Map<String, Plots.Figure> figures = new LinkedHashMap<>();
        for (int k = 0; k < 5; k++) {
            figures.put("f" + k + ".png", figure(k));
        }
        RunDirectory together = RunDirectory.create(tmp.resolve("together"), false);
        Plots.saveAll(together, figures);
        together.commit();
        RunDirectory oneByOne = RunDirectory.create(tmp.resolve("one"), false);
        for (int k = 0; k < 5; k++) {
            figure(k).save(oneByOne, "f" + k + ".png");
        }
        oneByOne.commit();
        for (int k = 0; k < 5; k++) {
            byte[] png = Files.readAllBytes(tmp.resolve("together").resolve("f" + k + ".png"));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "f" + k + ".png is not a readable image");
            assertEquals(900, image.getWidth());
            assertEquals(600, image.getHeight());
            assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve("f" + k + ".png")), png,
                    "f" + k + ".png differs between saveAll and save");
        }
    }
}
