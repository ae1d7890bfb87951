package org.jlaplace.bench.marglik;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlaplace.laplace.marglik.MarglikState;
import org.jlaplace.laplace.marglik.ChecksummedFrame;
import org.jlaplace.laplace.marglik.MarglikStateFormat;

/**
 * {@code checkpoint.bin} of a marglik run, rewritten after every epoch: the command-line settings of
 * the run (to rebuild it), its number of epochs, the rows of metrics.csv and hyper_steps.csv so far,
 * and the optimiser's {@link MarglikState}. The file is the magic {@code JLRUNCKP}, a version, the
 * body length, the body and its CRC-32; it is written beside its final name and renamed over it, so
 * a run killed at any moment leaves the previous complete checkpoint, and a damaged file is refused.
 *
 * @param args       the options that rebuild the run (without {@code --out}, {@code --epochs} and output switches)
 * @param epochs     the run's configured number of epochs
 * @param metricsCsv metrics.csv after the checkpoint's epoch
 * @param hyperCsv   hyper_steps.csv after the checkpoint's epoch
 * @param state      the optimiser's state after that epoch
 */
public record RunCheckpoint(List<String> args, int epochs, String metricsCsv, String hyperCsv, MarglikState state) {
    /** The file name inside a run directory. */
    public static final String FILE = "checkpoint.bin";

    private static final long MAGIC = 0x4A4C52554E434B50L;
    private static final int VERSION = 1;

    /** Copies the argument list. */
    public RunCheckpoint {
        args = List.copyOf(args);
    }

    /** A checkpoint found for {@code --resume}, and the directory holding it. */
    public record Located(Path directory, RunCheckpoint checkpoint) {
    }

    /** Writes the checkpoint (the stream is not closed). */
    public void write(OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream body = new DataOutputStream(bytes);
        body.writeInt(args.size());
        for (String a : args) {
            text(body, a);
        }
        body.writeInt(epochs);
        text(body, metricsCsv);
        text(body, hyperCsv);
        MarglikStateFormat.write(state, body);
        body.flush();
        ChecksummedFrame.write(out, MAGIC, VERSION, bytes.toByteArray());
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException saying what is wrong when it is not a complete, intact checkpoint
     */
    public static RunCheckpoint read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        try {
            byte[] b = ChecksummedFrame.read(new ByteArrayInputStream(all), MAGIC, VERSION, "marglik checkpoint");
            if (b.length != all.length - ChecksummedFrame.OVERHEAD) {
                throw new IOException("marglik checkpoint has " + (all.length - ChecksummedFrame.OVERHEAD - b.length)
                        + " trailing bytes");
            }
            DataInputStream body = new DataInputStream(new ByteArrayInputStream(b));
            int count = body.readInt();
            if (count < 0 || count > 10_000) {
                throw new IOException("checkpoint holds " + count + " arguments");
            }
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                args.add(text(body));
            }
            int epochs = body.readInt();
            String metrics = text(body);
            String hyper = text(body);
            MarglikState state = MarglikStateFormat.read(body);
            if (state.epochsDone() < 1 || state.epochsDone() > epochs) {
                throw new IOException("checkpoint after epoch " + state.epochsDone() + " of a run of " + epochs + " epochs");
            }
            return new RunCheckpoint(args, epochs, metrics, hyper, state);
        } catch (EOFException e) {
            throw new IOException("checkpoint is truncated", e);
        }
    }

    /**
     * The most advanced checkpoint for {@code target}: {@code target/checkpoint.bin} (an interrupted or
     * completed run) or that of a staging directory {@code .NAME.partial-PID} beside it whose process is
     * gone (a run killed with {@code kill -9}).
     *
     * @throws IOException naming what was found and why it cannot be used, when no checkpoint can be read
     */
    public static Located locate(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        List<Path> candidates = new ArrayList<>();
        if (Files.isRegularFile(abs.resolve(FILE))) {
            candidates.add(abs);
        }
        Path parent = abs.getParent();
        String prefix = "." + abs.getFileName() + ".partial-";
        if (parent != null && Files.isDirectory(parent)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
                for (Path p : s) {
                    if (deadProcess(p.getFileName().toString().substring(prefix.length()))
                            && Files.isRegularFile(p.resolve(FILE))) {
                        candidates.add(p);
                    }
                }
            }
        }
        Located best = null;
        List<String> problems = new ArrayList<>();
        for (Path dir : candidates) {
            try {
                RunCheckpoint c = read(dir.resolve(FILE));
                if (best == null || c.state().epochsDone() > best.checkpoint().state().epochsDone()) {
                    best = new Located(dir, c);
                }
            } catch (IOException e) {
                problems.add(dir.resolve(FILE) + ": " + e.getMessage());
            }
        }
        if (best == null) {
            throw new IOException(problems.isEmpty()
                    ? "no " + FILE + " in " + target + " nor in a staging directory " + prefix + "PID of a finished process beside it"
                    : String.join("; ", problems));
        }
        return best;
    }

    private static boolean deadProcess(String pid) {
        try {
            long p = Long.parseLong(pid);
            return p != ProcessHandle.current().pid() && ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("checkpoint holds a text of impossible length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
