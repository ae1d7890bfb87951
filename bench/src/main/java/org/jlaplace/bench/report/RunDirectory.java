package org.jlaplace.bench.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An output directory that appears complete or not at all. Files are written into a hidden staging
 * directory beside the target ({@code .NAME.partial-PID}), each file by write-then-rename; {@link
 * #commit()} renames the staging directory to the target. {@link #abandon()} deletes it. When the
 * JVM is interrupted (Ctrl-C) before the commit, the shutdown hook waits for any checkpoint being
 * written, runs the caller's interrupt action (e.g. mark the summary "interrupted") and commits, so
 * the target holds the last complete checkpoint. All writes and the hook synchronise on one lock.
 */
public final class RunDirectory {
    /** Writes one file's bytes. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private final Object lock = new Object();
    private boolean finished;
    private Thread hook;
    private Runnable onInterrupt = () -> { };

    private RunDirectory(Path target, Path staging, boolean overwrite) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    /**
     * Prepares a run directory at {@code target}. Refuses (with an {@link IllegalArgumentException}
     * naming {@code --out}) an existing target unless {@code overwrite}, and a target that is a file.
     */
    public static RunDirectory create(Path target, boolean overwrite) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new IllegalArgumentException("--out " + target + ": exists and is not a directory");
            }
            if (!overwrite) {
                throw new IllegalArgumentException("--out " + target + ": directory exists (choose another or add --overwrite)");
            }
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            Path staging = parent.resolve("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
            Files.createDirectory(staging);
            return new RunDirectory(abs, staging, overwrite);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + target + ": cannot create: " + e.getMessage(), e);
        }
    }

    /** Where the results will be once committed. */
    public Path target() {
        return target;
    }

    /** Where files are being written now. */
    public Path staging() {
        return staging;
    }

    /** Writes {@code name} inside the staging directory by writing a temporary file and renaming it. */
    public void write(String name, Writer writer) {
        synchronized (lock) {
            if (finished) {
                throw new IllegalStateException("run directory " + target + " is already finished");
            }
            Path tmp = staging.resolve(name + ".tmp");
            boolean done = false;
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    writer.write(out);
                }
                move(tmp, staging.resolve(name));
                done = true;
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + staging.resolve(name), e);
            } finally {
                if (!done) {
                    deleteQuietly(tmp);
                }
            }
        }
    }

    /** Writes a UTF-8 text file. */
    public void writeString(String name, String text) {
        write(name, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Runs {@code action} (several writes forming one checkpoint) while the interrupt hook waits. */
    public void checkpoint(Runnable action) {
        synchronized (lock) {
            action.run();
        }
    }

    /**
     * Installs the Ctrl-C hook: on JVM shutdown before {@link #commit()}, run {@code action} and
     * commit whatever complete checkpoint is staged.
     */
    public void commitOnInterrupt(Runnable action) {
        this.onInterrupt = action;
        hook = new Thread(() -> {
            synchronized (lock) {
                if (finished) {
                    return;
                }
                try {
                    onInterrupt.run();
                } catch (RuntimeException e) {
                    // The checkpoint already on disk is still worth keeping.
                }
                commitLocked();
            }
        }, "jlaplace-run-directory-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Makes the staged files appear at the target. */
    public void commit() {
        synchronized (lock) {
            if (!finished) {
                commitLocked();
            }
        }
        removeHook();
    }

    /** Deletes the staged files; the target is left as it was. */
    public void abandon() {
        synchronized (lock) {
            if (!finished) {
                finished = true;
                try {
                    deleteTree(staging);
                } catch (IOException e) {
                    throw new UncheckedIOException("deleting " + staging, e);
                }
            }
        }
        removeHook();
    }

    private void commitLocked() {
        finished = true;
        try {
            if (Files.exists(target)) {
                if (!overwrite) {
                    throw new IllegalStateException("--out " + target + ": appeared while running; results left in " + staging);
                }
                Path old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
                move(target, old);
                move(staging, target);
                deleteTree(old);
            } else {
                move(staging, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("renaming " + staging + " to " + target, e);
        }
    }

    private void removeHook() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook sees `finished` and does nothing.
            }
            hook = null;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // The write already failed; that failure is the one to report.
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
