package org.jlaplace.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path dir;

    private static long entries(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.count();
        }
    }

    @Test
    void filesAppearOnlyAtCommit() throws IOException {
        Path out = dir.resolve("run");
        RunDirectory r = RunDirectory.create(out, false);
        r.writeString("a.txt", "hello");
        assertFalse(Files.exists(out));
        assertTrue(Files.exists(r.staging().resolve("a.txt")));
        r.commit();
        assertEquals("hello", Files.readString(out.resolve("a.txt")));
        assertEquals(1, entries(dir), "no staging directory or temporary file is left");
        assertEquals(1, entries(out));
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws IOException {
        RunDirectory r = RunDirectory.create(dir.resolve("run"), false);
        assertThrows(IllegalStateException.class, () -> r.write("x.bin", out -> {
            out.write(1);
            throw new IllegalStateException("renderer failed");
        }));
        assertEquals(0, entries(r.staging()));
        r.commit();
        assertEquals(0, entries(dir.resolve("run")));
    }

    @Test
    void abandonLeavesNothing() throws IOException {
        RunDirectory r = RunDirectory.create(dir.resolve("run"), false);
        r.writeString("a.txt", "x");
        r.abandon();
        assertEquals(0, entries(dir));
    }

    @Test
    void existingDirectoryIsRefusedUnlessOverwrite() throws IOException {
        Path out = dir.resolve("run");
        Files.createDirectory(out);
        Files.writeString(out.resolve("old.txt"), "old");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunDirectory.create(out, false));
        assertTrue(e.getMessage().contains("--out") && e.getMessage().contains("--overwrite"), e.getMessage());
        RunDirectory r = RunDirectory.create(out, true);
        r.writeString("new.txt", "new");
        assertTrue(Files.exists(out.resolve("old.txt")), "the old run stays until the new one is complete");
        r.commit();
        assertFalse(Files.exists(out.resolve("old.txt")));
        assertEquals("new", Files.readString(out.resolve("new.txt")));
        assertEquals(1, entries(dir));
    }

    @Test
    void csvTableRendersHeaderRowsAndMissingValues() {
        CsvTable t = new CsvTable(List.of("epoch", "loss", "name"));
        t.add(1, 0.5, "a,b");
        t.add(2, Double.NaN, null);
        assertEquals("epoch,loss,name\n1,0.5,\"a,b\"\n2,,\n", t.render());
        assertEquals(0.5, t.column("loss")[0]);
        assertThrows(IllegalArgumentException.class, () -> t.add(1, 2));
    }

    @Test
    void jsonWritesNonFiniteAsNullAndKeepsKeyOrder() {
        Map<String, Object> o = Json.object();
        o.put("z", 1.5);
        o.put("a", Double.NaN);
        o.put("v", new double[] {1, Double.POSITIVE_INFINITY});
        assertEquals("{\"z\":1.5,\"a\":null,\"v\":[1.0,null]}", Json.compact(o));
        Object back = Json.parse(Json.pretty(o));
        assertEquals(1.5, ((Map<?, ?>) back).get("z"));
    }

    @Test
    void plotsAreWrittenAsPng() throws IOException {
        System.setProperty("java.awt.headless", "true");
        RunDirectory r = RunDirectory.create(dir.resolve("run"), false);
        Plots.figure("t", "x", "y").logX().line("a", new double[] {1, 10, 100}, new double[] {1, Double.NaN, 3})
                .lineWithErrors("b", new double[] {1, 10}, new double[] {2, 2}, new double[] {0.1, 0.2}).save(r, "p.png");
        r.commit();
        byte[] png = Files.readAllBytes(dir.resolve("run/p.png"));
        assertTrue(png.length > 100);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void twoRunsOnOneOutKeepTheSecondRunsResultsAside() throws IOException {
        Path out = dir.resolve("run");
        RunDirectory second = RunDirectory.create(out, false);
        second.writeString("a.txt", "second");
        // Another process commits the same --out meanwhile.
        Files.createDirectory(out);
        Files.writeString(out.resolve("a.txt"), "first");
        OutputConflictException e = assertThrows(OutputConflictException.class, second::commit);
        Path aside = dir.resolve("run-" + ProcessHandle.current().pid());
        assertTrue(e.getMessage().contains(aside.toString()), e.getMessage());
        assertEquals("first", Files.readString(out.resolve("a.txt")));
        assertEquals("second", Files.readString(aside.resolve("a.txt")));
    }

    @Test
    void staleStagingDirectoriesOfEndedProcessesAreRemovedAndNamed() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path stale = Files.createDirectories(dir.resolve(".run.partial-" + ended.pid()).resolve("inner"));
        Path old = Files.createDirectories(dir.resolve(".run.old-" + ended.pid()));
        Path live = Files.createDirectories(dir.resolve(".run.partial-" + ProcessHandle.current().parent().orElseThrow().pid()));
        Path unrelated = Files.createDirectories(dir.resolve(".run.partial-notapid"));
        java.util.List<String> notices = new java.util.ArrayList<>();
        RunDirectory r = RunDirectory.create(dir.resolve("run"), false, notices::add);
        assertFalse(Files.exists(stale.getParent()));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(live), "a running process's staging directory is left alone");
        assertTrue(Files.exists(unrelated));
        assertTrue(notices.stream().anyMatch(n -> n.contains("removed " + stale.getParent())), notices::toString);
        assertTrue(notices.stream().anyMatch(n -> n.contains(live.toString()) && n.contains("still running")), notices::toString);
        r.abandon();
    }

    @Test
    void unusableOutputPathsGiveTheReason() throws IOException {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> RunDirectory.create(Path.of(""), false));
        assertTrue(empty.getMessage().contains("empty path"), empty.getMessage());
        Path file = Files.writeString(dir.resolve("file"), "x");
        IllegalArgumentException under = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.create(file.resolve("sub"), false));
        assertTrue(under.getMessage().contains("cannot create: a file is in the way"), under.getMessage());
    }
}
